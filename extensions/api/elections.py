"""/api/v1/elections/: the site's scrutins and, in the detail, their
consolidated results — validated bureaux only, exactly what the public
results page shows (extensions.elections.consolidation)."""
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.response import Response
from wagtail.models import Site

from extensions.elections.consolidation import consolidate
from extensions.elections.models import Scrutin

from .views import ReadOnlyViewSet


class ScrutinSerializer(serializers.ModelSerializer):
    class Meta:
        model = Scrutin
        fields = ["id", "title", "kind", "round", "day", "first_round", "commune_code", "commune_name", "seats"]


class ScrutinInfoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.ChoiceField(choices=Scrutin.Kind.choices)
    kind_label = serializers.CharField()
    round = serializers.IntegerField()
    round_label = serializers.CharField()
    day = serializers.DateField()
    commune = serializers.CharField()
    commune_code = serializers.CharField()
    seats = serializers.IntegerField(allow_null=True)


class BureauxCountSerializer(serializers.Serializer):
    counted = serializers.IntegerField(help_text=gettext_lazy("Validated bureaux."))
    total = serializers.IntegerField()
    label = serializers.CharField()


class TotalsSerializer(serializers.Serializer):
    inscrits = serializers.IntegerField()
    votants = serializers.IntegerField()
    emargements = serializers.IntegerField()
    blancs = serializers.IntegerField()
    nuls = serializers.IntegerField()
    exprimes = serializers.IntegerField()
    abstentions = serializers.IntegerField()
    pct_votants_inscrits = serializers.FloatField()
    pct_abstentions_inscrits = serializers.FloatField()
    pct_blancs_votants = serializers.FloatField()
    pct_nuls_votants = serializers.FloatField()
    pct_exprimes_inscrits = serializers.FloatField()


class CandidatureResultSerializer(serializers.Serializer):
    panel = serializers.IntegerField()
    name = serializers.CharField()
    head = serializers.CharField()
    nuance = serializers.CharField()
    voix = serializers.IntegerField()
    pct_inscrits = serializers.FloatField()
    pct_exprimes = serializers.FloatField()
    seats = serializers.IntegerField(allow_null=True, help_text=gettext_lazy("Once every bureau is counted."))


class ParticipationSerializer(serializers.Serializer):
    label = serializers.CharField()
    votants = serializers.IntegerField()
    inscrits = serializers.IntegerField()
    pct = serializers.FloatField()


class BureauResultSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    inscrits = serializers.IntegerField()
    votants = serializers.IntegerField()
    blancs = serializers.IntegerField()
    nuls = serializers.IntegerField()
    exprimes = serializers.IntegerField()
    pct_votants_inscrits = serializers.FloatField()
    voix = serializers.ListField(child=serializers.IntegerField(), help_text=gettext_lazy("In panel order."))


class AllocationSerializer(serializers.Serializer):
    steps = serializers.ListField(child=serializers.CharField())
    undecided = serializers.IntegerField()


class ScrutinResultsSerializer(serializers.Serializer):
    scrutin = ScrutinInfoSerializer()
    bureaux = BureauxCountSerializer()
    complete = serializers.BooleanField()
    totals = TotalsSerializer()
    candidatures = CandidatureResultSerializer(many=True)
    participation = ParticipationSerializer(many=True)
    per_bureau = BureauResultSerializer(many=True)
    outcome = serializers.CharField()
    allocation = AllocationSerializer(allow_null=True)
    updated = serializers.DateTimeField()


@extend_schema_view(
    list=extend_schema(description=gettext_lazy("The site's scrutins (one per election round).")),
    retrieve=extend_schema(
        description=gettext_lazy("A scrutin's results: totals, votes per list or candidate, participation, "
                                 "per bureau, seat allocation. Validated bureaux only."),
        responses=ScrutinResultsSerializer),
)
class ScrutinViewSet(ReadOnlyViewSet):
    queryset = Scrutin.objects.none()  # the model, for the schema
    serializer_class = ScrutinSerializer
    filterset_fields = ["kind", "round"]
    ordering_fields = ["day"]
    ordering = ["-day", "kind", "round"]

    def get_queryset(self):
        return Scrutin.objects.filter(site=Site.find_for_request(self.request))

    def retrieve(self, request, *args, **kwargs):
        return Response(consolidate(self.get_object()))
