"""Writing a plan in the browser: a new draft, activities added, moved, indented and outdented, units
assigned. The tree is kept as `position` (pre-order over the plan), `depth` and `parent`: a structural
change reloads the plan's activities, changes the tree in memory and writes the three columns back."""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from hoptac.accounts.models import User
from hoptac.core.text import nfc
from hoptac.orgs.models import Organisation
from hoptac.plans.errors import PlanError
from hoptac.plans.models import Activity, Assignment, AssignmentRole, Plan, PlanKind, PlanStatus
from hoptac.plans.search_text import activity_search_text, plan_search_text
from hoptac.plans.selectors import can_edit_activity, can_edit_plan, can_import
from hoptac.plans.services.changes import activity_update, checked_title
from hoptac.plans.services.rollup import refresh_rollup

LEAD_ALSO_COORDINATING = _("%(unit)s cannot both lead and coordinate the same activity.")
MOVES = ("up", "down", "indent", "outdent")


@transaction.atomic
def plan_create(
    *,
    title: str,
    by: User,
    number: str = "",
    issued_on: date | None = None,
    kind: str = PlanKind.PLAN,
    weight: Decimal | None = None,
) -> Plan:
    """A new draft plan of the user's alliance."""
    if not can_import(by) or by.acts_for is None:
        raise PermissionDenied
    plan = Plan(
        issuer=by.acts_for,
        issuer_name=by.acts_for.name,
        title=checked_title(title),
        number=nfc(number).strip(),
        issued_on=issued_on,
        year=issued_on.year if issued_on else None,
        kind=kind,
        status=PlanStatus.DRAFT,
        created_by=by,
        weight=Decimal(1) if weight is None else weight,
    )
    plan.search_text = plan_search_text(plan)
    plan.save()
    return plan


@transaction.atomic
def plan_update(
    *,
    plan: Plan,
    by: User,
    title: str,
    number: str = "",
    issued_on: date | None = None,
    kind: str = PlanKind.PLAN,
    weight: Decimal | None = None,
) -> Plan:
    """Change a plan's heading: title, number, date, kind, weight. History keeps the previous values."""
    if not can_edit_plan(by, plan):
        raise PermissionDenied
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    plan.title, plan.number, plan.issued_on, plan.kind = (
        checked_title(title),
        nfc(number).strip(),
        issued_on,
        kind,
    )
    plan.year = issued_on.year if issued_on else None
    if weight is not None:
        plan.weight = weight
    plan.search_text = plan_search_text(plan)
    plan.save(
        update_fields=["title", "number", "issued_on", "kind", "year", "weight", "search_text", "updated_at"]
    )
    return plan


@transaction.atomic
def activity_add(*, plan: Plan, title: str, by: User, parent: Activity | None = None) -> Activity:
    """A new activity at the end of the plan, or at the end of `parent`'s sub-activities."""
    if not can_edit_plan(by, plan) or (parent is not None and parent.plan_id != plan.pk):
        raise PermissionDenied
    tree = _load(plan, by)
    parent_node = tree.find(parent.pk) if parent is not None else None
    siblings = parent_node.children if parent_node is not None else tree.roots
    number = next_number(
        siblings[-1].activity.number if siblings else None,
        parent_node.activity.number if parent_node is not None else None,
    )
    activity = Activity(
        plan=plan, title=checked_title(title), parent=parent, position=len(tree.by_pk), number=number
    )
    activity.search_text = activity_search_text(activity)
    activity.save()
    siblings.append(_Node(activity))
    tree.save()
    return activity


_LAST_NUMBER = re.compile(r"^(.*?)(\d+)(\D{0,2})$")
_LETTER = re.compile(r"^([a-zđ])([.)]?)$")
_ROMAN = re.compile(r"^([IVXLC]+)([.)]?)$")
_LETTERS = "abcdđefghiklmnopqrstuvxy"  # the order of lettered items in Vietnamese documents


def next_number(previous: str | None, parent: str | None) -> str:
    """The number of an activity added after a sibling numbered `previous` (None when it comes first)
    under a parent numbered `parent` (None at the top), in the siblings' own style; "" when the
    siblings are not numbered.

    >>> next_number("2.", None), next_number("1.2", "1"), next_number(None, "3."), next_number("b)", "1.")
    ('3.', '1.3', '3.1', 'c)')
    """
    if previous is None:
        stem = (parent or "").rstrip(".) ")
        return f"{stem}.1" if stem else "1"
    if match := _LAST_NUMBER.match(previous):
        return f"{match[1]}{int(match[2]) + 1}{match[3]}"
    if (match := _LETTER.match(previous)) and match[1] != _LETTERS[-1]:
        return f"{_LETTERS[_LETTERS.index(match[1]) + 1]}{match[2]}"
    if match := _ROMAN.match(previous):
        return f"{_roman(_from_roman(match[1]) + 1)}{match[2]}"
    return ""


def _from_roman(text: str) -> int:
    values = [{"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}[letter] for letter in text]
    return sum(-v if v < after else v for v, after in zip(values, [*values[1:], 0], strict=True))


def _roman(value: int) -> str:
    out = ""
    for amount, letters in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        count, value = divmod(value, amount)
        out += letters * count
    return out


@transaction.atomic
def activity_move(*, activity: Activity, move: str, by: User) -> Activity:
    """Move an activity among its siblings ("up", "down"), under the one before it ("indent"), or out
    to follow its parent ("outdent"); its sub-activities go with it. A move with nowhere to go does
    nothing."""
    if not can_edit_plan(by, activity.plan):
        raise PermissionDenied
    if move not in MOVES:
        raise ValueError(move)
    tree = _load(activity.plan, by)
    node = tree.find(activity.pk)
    siblings = tree.siblings(node)
    index = siblings.index(node)
    if move == "up" and index > 0:
        siblings[index - 1], siblings[index] = node, siblings[index - 1]
    elif move == "down" and index < len(siblings) - 1:
        siblings[index + 1], siblings[index] = node, siblings[index + 1]
    elif move == "indent" and index > 0:
        siblings.pop(index)
        siblings[index - 1].children.append(node)
    elif move == "outdent" and node.parent is not None:
        parent = node.parent
        siblings.pop(index)
        outer = tree.siblings(parent)
        outer.insert(outer.index(parent) + 1, node)
    tree.save()
    activity.refresh_from_db()
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, by: User) -> None:
    """Delete an activity with its sub-activities."""
    if not can_edit_plan(by, activity.plan):
        raise PermissionDenied
    tree = _load(activity.plan, by)
    node = tree.find(activity.pk)
    tree.siblings(node).remove(node)
    activity.delete()
    tree.save()


@transaction.atomic
def activity_assign(
    *,
    activity: Activity,
    lead: Sequence[Organisation],
    coordinating: Sequence[Organisation] = (),
    informed: Sequence[Organisation] | None = None,
    by: User,
) -> Activity:
    """Replace the lead units (plans often name two) and the coordinating units of `activity`, and the
    units only informed of it when `informed` is given (None keeps them). A unit has one role."""
    if not can_edit_activity(by, activity):
        raise PermissionDenied
    if both := set(lead) & set(coordinating):
        raise PlanError(LEAD_ALSO_COORDINATING % {"unit": min(u.name for u in both)})
    roles = {AssignmentRole.LEAD: lead, AssignmentRole.COORDINATING: coordinating}
    replaced = activity.assignments.all()
    if informed is None:
        replaced = replaced.exclude(role=AssignmentRole.INFORMED)
    else:
        involved = {*lead, *coordinating}
        roles[AssignmentRole.INFORMED] = [unit for unit in informed if unit not in involved]
    replaced.delete()
    Assignment.objects.bulk_create(
        Assignment(activity=activity, organisation=unit, role=role, name_as_written=unit.name)
        for role, units in roles.items()
        for unit in dict.fromkeys(units)
    )
    return activity


@transaction.atomic
def activity_save(
    *,
    activity: Activity,
    version: int,
    changes: dict,
    lead: Sequence[Organisation],
    coordinating: Sequence[Organisation],
    by: User,
) -> Activity:
    """The activity form's save: its fields (activity_update, refused if someone saved since
    `version`) and its lead and coordinating units, both or neither."""
    activity_update(activity=activity, version=version, by=by, **changes)
    return activity_assign(activity=activity, lead=lead, coordinating=coordinating, by=by)


@dataclass(eq=False)
class _Node:
    activity: Activity
    children: list["_Node"] = field(default_factory=list)
    parent: "_Node | None" = None


@dataclass
class _Tree:
    plan_id: int
    roots: list[_Node]
    by_pk: dict[int, _Node]
    by: User | None = None
    # A plan written here is numbered by the outline, and renumbered as it changes; a document's
    # numbers stay as the document wrote them.
    is_outlined: bool = False

    def find(self, pk: int) -> _Node:
        return self.by_pk[pk]

    def siblings(self, node: _Node) -> list[_Node]:
        return node.parent.children if node.parent is not None else self.roots

    def save(self) -> None:
        """Write position, depth and parent back, in pre-order, and the numbers of a plan numbered by
        its outline."""
        changed: list[Activity] = []

        def walk(nodes: list[_Node], depth: int, parent: _Node | None) -> None:
            for node in nodes:
                node.parent = parent
                activity = node.activity
                new = (len(changed), depth, parent.activity.pk if parent else None)
                activity.position, activity.depth, activity.parent_id = new
                changed.append(activity)
                walk(node.children, depth + 1, node)

        before = {
            a.pk: (a.position, a.depth, a.parent_id, a.number)
            for a in (n.activity for n in self.by_pk.values())
        }
        walk(self.roots, 0, None)
        for node, label in _outline(self.roots) if self.is_outlined else ():
            node.activity.number = label
            node.activity.search_text = activity_search_text(node.activity)
        # With history: a move is a change of the plan like any other (who moved what, when).
        moved = [a for a in changed if (a.position, a.depth, a.parent_id, a.number) != before.get(a.pk)]
        bulk_update_with_history(
            moved, Activity, ["position", "depth", "parent", "number", "search_text"], default_user=self.by
        )
        # A move changes which activities are parents, so the plan's percent done may change too.
        refresh_rollup(self.plan_id)


def _outline(nodes: list[_Node], stem: str = "") -> list[tuple[_Node, str]]:
    """Each activity's place in the outline: "1", "1.1", "1.2", "2"."""
    labels: list[tuple[_Node, str]] = []
    for index, node in enumerate(nodes, start=1):
        label = f"{stem}{index}"
        labels.append((node, label))
        labels.extend(_outline(node.children, f"{label}."))
    return labels


def _load(plan: Plan, by: User | None = None) -> _Tree:
    activities = list(Activity.objects.select_for_update().filter(plan=plan).order_by("position", "pk"))
    by_pk = {a.pk: _Node(a) for a in activities}
    roots: list[_Node] = []
    for activity in activities:
        node = by_pk[activity.pk]
        parent = by_pk.get(activity.parent_id)
        node.parent = parent
        (parent.children if parent is not None else roots).append(node)
    is_outlined = not plan.checksum and all(
        node.activity.number in ("", label) for node, label in _outline(roots)
    )
    return _Tree(plan_id=plan.pk, roots=roots, by_pk=by_pk, by=by, is_outlined=is_outlined)
