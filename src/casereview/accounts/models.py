"""Boards (safeguarding partnerships), people, and the roles people hold on boards."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager
from django.db import models
from django.utils import timezone


class Region(models.TextChoices):
    NORTH_EAST = "north-east", "North East"
    NORTH_WEST = "north-west", "North West"
    YORKSHIRE = "yorkshire-humber", "Yorkshire and the Humber"
    EAST_MIDLANDS = "east-midlands", "East Midlands"
    WEST_MIDLANDS = "west-midlands", "West Midlands"
    EAST = "east-of-england", "East of England"
    LONDON = "london", "London"
    SOUTH_EAST = "south-east", "South East"
    SOUTH_WEST = "south-west", "South West"


class Board(models.Model):
    """A local safeguarding partnership (before 2019, a Local Safeguarding Children Board)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    local_authority = models.CharField("local authority area", max_length=200)
    region = models.CharField(max_length=32, choices=Region.choices)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("Every user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_administrator", True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser):
    """A person who signs in. Board roles live in Membership; national roles are flags here."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200)
    is_active = models.BooleanField(default=True)
    is_panel_member = models.BooleanField("national panel member", default=False)
    is_administrator = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering: ClassVar = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    if TYPE_CHECKING:
        # Added to the signed-in user by django-otp's OTPMiddleware on every request.
        def is_verified(self) -> bool: ...

    @property
    def is_staff(self) -> bool:
        """No one uses Django's admin site; administrators work through casereview's pages."""
        return False


class Role(models.TextChoices):
    BOARD_MANAGER = "board_manager", "Board manager"
    CHAIR = "chair", "Independent chair"
    LEAD_REVIEWER = "lead_reviewer", "Lead reviewer"
    ACTION_OWNER = "action_owner", "Agency action owner"


class Membership(models.Model):
    """One role one person holds on one board (an action owner acts for a named agency)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    agency = models.CharField(
        max_length=200, blank=True, help_text="Only for agency action owners: the agency."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering: ClassVar = ["board__name", "role"]
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["user", "board", "role", "agency"], name="unique_membership"
            ),
            models.CheckConstraint(
                condition=(models.Q(role="action_owner") & ~models.Q(agency=""))
                | (~models.Q(role="action_owner") & models.Q(agency="")),
                name="agency_only_for_action_owners",
            ),
        ]

    def __str__(self) -> str:
        label = self.get_role_display()
        if self.agency:
            label = f"{label} ({self.agency})"
        return f"{label}, {self.board}"


class DemoMark(models.Model):
    """Present when `casereview demo` made this database: its accounts are fictional and share a
    published password, so the demo may load into it again, and into no other database."""

    marked_at = models.DateTimeField(default=timezone.now, editable=False)

    def __str__(self) -> str:
        return f"Demo database since {self.marked_at:%Y-%m-%d %H:%M}"
