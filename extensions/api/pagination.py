"""Pages of the API's lists: `page` (from 1) and `page_size` (1 to 100).
A value that is not such a number is a bad parameter (400 naming it, like
every other bad value); a page after the last one does not exist (404),
as the schema says."""
from django import forms
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination

MAX_PAGE_SIZE = 100


class ApiPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def paginate_queryset(self, queryset, request, view=None):
        self.bounded(request, self.page_query_param, None)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound(_("This page does not exist."))

    def get_page_size(self, request):
        return self.bounded(request, self.page_size_query_param, self.max_page_size) or self.page_size

    @staticmethod
    def bounded(request, name, maximum):
        """The whole number `name` of the query, from 1 to `maximum`; None
        when absent; a 400 naming it otherwise."""
        field = forms.IntegerField(min_value=1, max_value=maximum, required=False)
        try:
            return field.clean(request.query_params.get(name))
        except forms.ValidationError as error:
            raise ValidationError({name: error.messages})

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
