"""robots.txt of each site (the Host picks the Wagtail site, as for its
pages): crawlers skip the admin, the private spaces, the search results
(endless combinations of words) and every personal link (a convocation,
a private calendar, a confirmation or invitation sent by e-mail: a link
forwarded or leaked must not end up in an index). The prefixes are read
from the URLconf, so they follow a moved route. The Sitemap line is
absolute on the site's own root URL (Wagtail's sitemap, /sitemap.xml),
https for a site served on port 443.

robots.txt keeps well-behaved crawlers out; it protects nothing: every
address listed is behind a login or a secret token anyway."""
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET
from wagtail.models import Site

# Private areas, by URL name.
AREAS = ["wagtailadmin_home", "commissions:my_spaces", "search:page", "commissions:login",
         "commissions:password_reset"]
# Personal links: the prefix before their token.
TOKEN_ROUTES = ["meetings:personal", "meetings:private_feed", "commissions:invitation", "commissions:unsubscribe",
                "participation:confirm", "participation:manage", "participation:withdraw"]
TOKEN = "jeton"


def disallowed():
    paths = [reverse(name) for name in AREAS]
    paths += [reverse(name, args=[TOKEN]).partition(TOKEN)[0] for name in TOKEN_ROUTES]
    return list(dict.fromkeys(paths))


@require_GET
@cache_page(60 * 60)  # per host: the cache key is the absolute URL
def robots_txt(request):
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed()), "",
             f"Sitemap: {site.root_url}/sitemap.xml", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
