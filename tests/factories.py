"""Factories for the models tests need; tests ask for what they care about and no more."""

from __future__ import annotations

import factory
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts.models import Board, Membership, Region, Role, User
from casereview.audit.actors import Actor

PASSWORD = "correct-Horse-battery-7"


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Board {n} Safeguarding Children Partnership")
    slug = factory.Sequence(lambda n: f"board-{n}")
    local_authority = factory.Sequence(lambda n: f"Area {n}")
    region = Region.NORTH_WEST


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj: User, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    board = factory.SubFactory(BoardFactory)
    role = Role.BOARD_MANAGER
    agency = ""


def totp_device(user: User) -> TOTPDevice:
    """A confirmed TOTP device, as if the person had finished setting up two-factor sign-in."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="Authenticator app", defaults={"confirmed": True}
    )
    return device


def verified(user: User) -> User:
    """The user as a request carries them after the second factor: django_otp's middleware gives
    the request's user an ``is_verified`` method, and the access module asks it."""
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def actor_from(user: User) -> Actor:
    """This person, past the second factor, on the web, as a view would pass them to a
    service."""
    return Actor.from_request(_request_from(user))


def _request_from(user: User) -> HttpRequest:
    from django.test import RequestFactory

    request = RequestFactory().post("/")
    request.user = verified(user)
    return request
