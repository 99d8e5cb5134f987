"""Who may see which unit: the rule, from a person's roles (no database)."""

from __future__ import annotations

from domain.organisation import Role
from domain.scope import Scope, review_scope, scope_of
from storage.records import PersonRecord, RoleRecord


def person(*roles: tuple[Role, int | None, int | None]) -> PersonRecord:
    return PersonRecord(1, "A", "vi", tuple(RoleRecord(*role) for role in roles))


def test_each_role_sees_its_own_part_of_the_tree() -> None:
    assert scope_of(person((Role.BTV, 7, None))) == Scope(roots=(7,))
    assert scope_of(person((Role.SECRETARY, 9, None))) == Scope(units=(9,))
    assert scope_of(person((Role.CLUSTER_LEAD, None, 3))) == Scope(clusters=(3,))
    assert scope_of(person((Role.ADMIN, None, None))) == Scope(everything=True)


def test_several_roles_see_the_union_sorted_and_once() -> None:
    many = person(
        (Role.BTV, 7, 3),
        (Role.BTV, 2, None),
        (Role.BTV, 7, None),
        (Role.SECRETARY, 9, None),
        (Role.CLUSTER_LEAD, None, 4),
        (Role.CLUSTER_LEAD, None, 4),
    )
    assert scope_of(many) == Scope(roots=(2, 7), units=(9,), clusters=(4,))


def test_an_administrator_sees_everything_whatever_else_they_hold() -> None:
    both = person((Role.SECRETARY, 9, None), (Role.ADMIN, None, None))
    assert scope_of(both) == Scope(everything=True)
    assert review_scope(both) == Scope(everything=True)


def test_only_the_standing_committee_appraises() -> None:
    mixed = person((Role.BTV, 7, None), (Role.SECRETARY, 9, None), (Role.CLUSTER_LEAD, None, 4))
    assert review_scope(mixed) == Scope(roots=(7,))
    assert review_scope(person((Role.SECRETARY, 9, None))).empty


def test_an_empty_scope_and_what_a_scope_surely_holds() -> None:
    assert Scope().empty and scope_of(person()).empty
    assert not Scope(clusters=(1,)).empty
    assert Scope(everything=True).surely_contains(123)
    assert Scope(units=(9,)).surely_contains(9)
    assert not Scope(roots=(9,)).surely_contains(9)  # the tree decides (``tx.units``)
