"""The organisation registry: provinces with their 2025 history, organisations, and the names documents use.

`key` fields hold `hoptac.documents.parse.units.unit_key` of the name (abbreviations expanded, case and
diacritics folded): the resolver compares keys, never names as written. Services set them.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hoptac.core.models import TimeStamped


class Province(models.Model):
    """A provincial-level unit, current or former. A former one names the unit it became part of."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        CITY = "city", _("centrally governed city")

    name = models.CharField(_("name"), max_length=100, unique=True)
    key = models.CharField(max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROVINCE)
    # None: still in force. The 2025 reorganisation ended 29 of the 63 on 30 June 2025.
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("became part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        ordering = ["name"]  # noqa: RUF012
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class OrganisationKind(models.TextChoices):
    NATIONAL_ALLIANCE = "national_alliance", _("national alliance")
    PROVINCIAL_ALLIANCE = "provincial_alliance", _("provincial alliance")
    DEPARTMENT = "department", _("department")
    LEADERSHIP = "leadership", _("leadership body")
    CLUSTER = "cluster", _("emulation cluster")
    COOPERATIVE = "cooperative", _("cooperative (HTX)")
    COOPERATIVE_UNION = "cooperative_union", _("union of cooperatives (LHHTX)")
    CREDIT_FUND = "credit_fund", _("people's credit fund (QTDND)")
    COOPERATIVE_GROUP = "cooperative_group", _("cooperative group (THT)")
    MEMBER_ENTERPRISE = "member_enterprise", _("member enterprise")
    OUTSIDE_BODY = "outside_body", _("outside body")


MEMBER_KINDS = (
    OrganisationKind.COOPERATIVE,
    OrganisationKind.COOPERATIVE_UNION,
    OrganisationKind.CREDIT_FUND,
    OrganisationKind.COOPERATIVE_GROUP,
    OrganisationKind.MEMBER_ENTERPRISE,
)
ALLIANCE_KINDS = (OrganisationKind.NATIONAL_ALLIANCE, OrganisationKind.PROVINCIAL_ALLIANCE)


class Organisation(TimeStamped):
    """Any unit a plan names: an alliance, one of its departments, a member, a cluster, an outside body.

    `parent` is the alliance a department or a member belongs to (the national alliance for a provincial
    one). A merged or renamed unit keeps its row with `valid_until` and points at its `successor`.
    """

    kind = models.CharField(_("kind"), max_length=24, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    key = models.CharField(max_length=255, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    # The code after the type in a document's symbol: "LMHTX" in "14/KH-LMHTX".
    issuer_code = models.CharField(_("issuer code"), max_length=30, blank=True)
    tax_code = models.CharField(_("tax code"), max_length=14, null=True, blank=True, unique=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    commune = models.CharField(_("commune"), max_length=100, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    clusters = models.ManyToManyField(
        "self",
        verbose_name=_("emulation clusters"),
        symmetrical=False,
        blank=True,
        related_name="cluster_members",
        limit_choices_to={"kind": OrganisationKind.CLUSTER},
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("succeeded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

    class Meta:
        ordering = ["name"]  # noqa: RUF012
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [  # noqa: RUF012
            models.CheckConstraint(condition=~Q(successor=models.F("pk")), name="org_not_own_successor"),
        ]
        indexes = [models.Index(fields=["parent", "kind"]), models.Index(fields=["kind", "province"])]  # noqa: RUF012

    def __str__(self) -> str:
        return self.name


class Alias(models.Model):
    """Another way documents write a unit's name ("LM HTX tỉnh Vĩnh Phúc", "Ban KH-HT").

    An alias whose `within` is set is relative: "Văn phòng" means that department only inside the
    alliance `within` (the importing alliance's own departments).
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("name as written"), max_length=255)
    key = models.CharField(max_length=255, db_index=True)
    within = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")
        constraints = [  # noqa: RUF012
            models.UniqueConstraint(fields=["organisation", "key"], name="alias_unique_per_org"),
        ]

    def __str__(self) -> str:
        return self.name
