"""Forms for signing in, two-factor codes, passwords, boards, people and their roles.

Every form renders through GOV.UK Frontend macros, so each one knows how to give the error
summary its list and each field its inline message (``GovukForm``). Field ids equal field names,
so the summary's links land on the right input.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar, cast

from django import forms
from django.contrib.auth import password_validation
from django.utils import timezone
from django.utils.text import slugify
from django_otp.plugins.otp_totp.models import TOTPDevice

from casereview.accounts import services
from casereview.accounts.cleaning import clean_line
from casereview.accounts.models import Board, Membership, Region, Role, User
from casereview.audit.actors import Actor

EMAIL_MAX = 254


class GovukForm(forms.Form):
    """Errors shaped for govukErrorSummary and each field's errorMessage."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)

    def error_list(self) -> list[dict[str, str]]:
        first_field = next(iter(self.fields), "")
        items: list[dict[str, str]] = []
        for name, errors in self.errors.items():
            anchor = first_field if name == "__all__" else name
            items.extend({"text": str(error), "href": f"#{anchor}"} for error in errors)
        return items

    def error_for(self, name: str) -> dict[str, str] | None:
        errors = self.errors.get(name)
        return {"text": str(errors[0])} if errors else None

    def value(self, name: str) -> Any:
        """What to put back in a field: what was typed, or the initial value."""
        value = self[name].value()
        return "" if value is None else value


class YearRangeForm(GovukForm):
    """A GET form of filters that starts with a range of years, both optional: a year is four
    digits from `earliest_year` to this year, and the last is not before the first."""

    earliest_year: ClassVar[int] = 1970
    # Checked in _year, so that too long a value gets the same plain message as any other.
    year_from = forms.CharField(required=False, strip=True)
    year_to = forms.CharField(required=False, strip=True)

    def _year(self, name: str, label: str) -> int | None:
        text = str(self.cleaned_data.get(name) or "")
        if not text:
            return None
        earliest, latest = self.earliest_year, timezone.localdate().year
        if not (text.isdigit() and len(text) == 4):
            raise forms.ValidationError(f"{label} must be a year with 4 numbers, like 2019")
        year = int(text)
        if not earliest <= year <= latest:
            raise forms.ValidationError(f"{label} must be between {earliest} and {latest}")
        return year

    def clean_year_from(self) -> int | None:
        return self._year("year_from", "The first year")

    def clean_year_to(self) -> int | None:
        return self._year("year_to", "The last year")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("year_from"), cleaned.get("year_to")
        if first is not None and last is not None and last < first:
            self.add_error("year_to", "The last year must be the same as or after the first year")
        return cleaned

    def select_items(self, name: str) -> list[dict[str, Any]]:
        """Items for a GOV.UK select of the choice field `name`, the submitted one selected."""
        current = str(self[name].value() or "")
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        choices = cast(Iterable[tuple[Any, Any]], field.choices)
        return [
            {"value": str(value), "text": str(text), "selected": str(value) == current}
            for value, text in choices
        ]


class SignInForm(GovukForm):
    email = forms.CharField(
        max_length=EMAIL_MAX, error_messages={"required": "Enter your email address"}
    )
    password = forms.CharField(
        strip=False, max_length=4096, error_messages={"required": "Enter your password"}
    )

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class TwoFactorCodeForm(GovukForm):
    code = forms.CharField(
        max_length=40,
        error_messages={"required": "Enter the code from your authenticator app or a backup code"},
    )

    def clean_code(self) -> str:
        return "".join(str(self.cleaned_data["code"]).split()).replace("-", "").lower()


class TotpSetUpForm(GovukForm):
    code = forms.CharField(
        max_length=20, error_messages={"required": "Enter the 6-digit code from your app"}
    )

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Enter the 6-digit code shown in your authenticator app")
        return code

    def confirm(self, actor: Actor, device: TOTPDevice) -> list[str] | None:
        """Confirm the device being set up with the code given: its new backup codes, or None,
        the form then saying the code is wrong (``services.confirm_totp_device``)."""
        codes = services.confirm_totp_device(actor, device, self.cleaned_data["code"])
        if codes is None:
            self.add_error("code", "That code is not right. Enter the code your app shows now")
        return codes


class NewPasswordForm(GovukForm):
    """A new password, typed twice, checked against the password rules in settings."""

    new_password = forms.CharField(
        strip=False, max_length=4096, error_messages={"required": "Enter a new password"}
    )
    confirm_password = forms.CharField(
        strip=False, max_length=4096, error_messages={"required": "Confirm your new password"}
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new, confirm = cleaned.get("new_password"), cleaned.get("confirm_password")
        if new and confirm and new != confirm:
            self.add_error("confirm_password", "The passwords do not match")
        if new:
            try:
                password_validation.validate_password(new, self.user)
            except forms.ValidationError as error:
                self.add_error("new_password", error)
        return cleaned


class ChangePasswordForm(NewPasswordForm):
    current_password = forms.CharField(
        strip=False, max_length=4096, error_messages={"required": "Enter your current password"}
    )
    field_order = ["current_password", "new_password", "confirm_password"]

    def clean_current_password(self) -> str:
        current = str(self.cleaned_data["current_password"])
        if not self.user.check_password(current):
            raise forms.ValidationError("Your current password is not right")
        return current


class BoardForm(GovukForm):
    name = forms.CharField(
        max_length=200, error_messages={"required": "Enter the name of the board"}
    )
    slug = forms.CharField(max_length=100, required=False)
    local_authority = forms.CharField(
        max_length=200, error_messages={"required": "Enter the local authority area"}
    )
    region = forms.ChoiceField(
        choices=Region.choices, error_messages={"required": "Select the region"}
    )

    def __init__(self, *args: Any, board: Board | None = None, **kwargs: Any) -> None:
        self.board = board
        super().__init__(*args, **kwargs)

    def _others(self) -> Any:
        others = Board.objects.all()
        return others.exclude(pk=self.board.pk) if self.board else others

    def clean_name(self) -> str:
        name = clean_line(str(self.cleaned_data["name"]))
        if not name:
            raise forms.ValidationError("Enter the name of the board")
        if self._others().filter(name__iexact=name).exists():
            raise forms.ValidationError("There is already a board with this name")
        return name

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        slug = slugify(cleaned.get("slug") or cleaned.get("name") or "")
        if not slug and "name" in cleaned:
            self.add_error("slug", "Enter a web address name using letters or numbers")
        elif slug and self._others().filter(slug=slug).exists():
            self.add_error(
                "slug" if cleaned.get("slug") else "name",
                f"The web address name “{slug}” is already used by another board: "
                "enter a different one",
            )
        cleaned["slug"] = slug
        return cleaned


class UserDetailsForm(GovukForm):
    full_name = forms.CharField(max_length=200, error_messages={"required": "Enter their name"})
    email = forms.EmailField(
        max_length=EMAIL_MAX,
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    national_roles = forms.MultipleChoiceField(
        required=False,
        choices=[
            ("is_panel_member", "National panel member"),
            ("is_administrator", "Administrator"),
        ],
    )

    def __init__(self, *args: Any, user: User | None = None, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_full_name(self) -> str:
        name = clean_line(str(self.cleaned_data["full_name"]))
        if not name:
            raise forms.ValidationError("Enter their name")
        return name

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip().lower()
        others = User.objects.exclude(pk=self.user.pk) if self.user else User.objects.all()
        if others.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone else already uses this email address")
        return email

    def details(self) -> dict[str, Any]:
        """The cleaned values as User field values."""
        roles = set(self.cleaned_data["national_roles"])
        return {
            "full_name": self.cleaned_data["full_name"],
            "email": self.cleaned_data["email"],
            "is_panel_member": "is_panel_member" in roles,
            "is_administrator": "is_administrator" in roles,
        }


class UserEditForm(UserDetailsForm):
    is_active = forms.TypedChoiceField(
        choices=[("yes", "Active: can sign in"), ("no", "Deactivated: cannot sign in")],
        coerce=lambda value: value == "yes",
        error_messages={"required": "Select whether they can sign in"},
    )

    def __init__(self, *args: Any, user: User, actor: User, **kwargs: Any) -> None:
        self.actor = actor
        kwargs.setdefault(
            "initial",
            {
                "full_name": user.full_name,
                "email": user.email,
                "national_roles": [
                    f for f in ("is_panel_member", "is_administrator") if getattr(user, f)
                ],
                "is_active": "yes" if user.is_active else "no",
            },
        )
        super().__init__(*args, user=user, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.user is not None and self.user.pk == self.actor.pk:
            if "national_roles" in cleaned and "is_administrator" not in cleaned["national_roles"]:
                self.add_error(
                    "national_roles",
                    "You cannot remove your own administrator role: ask another administrator",
                )
            if cleaned.get("is_active") is False:
                self.add_error(
                    "is_active", "You cannot deactivate yourself: ask another administrator"
                )
        return cleaned

    def details(self) -> dict[str, Any]:
        return {**super().details(), "is_active": self.cleaned_data["is_active"]}


class MembershipForm(GovukForm):
    board = forms.ModelChoiceField(
        queryset=Board.objects.all(),
        error_messages={"required": "Select a board", "invalid_choice": "Select a board"},
    )
    role = forms.ChoiceField(choices=Role.choices, error_messages={"required": "Select a role"})
    agency = forms.CharField(max_length=200, required=False)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role, agency = cleaned.get("role"), (cleaned.get("agency") or "").strip()
        cleaned["agency"] = agency
        if role == Role.ACTION_OWNER and not agency:
            self.add_error("agency", "Enter the agency this person owns actions for")
        elif role and role != Role.ACTION_OWNER and agency:
            self.add_error(
                "agency", "Only agency action owners have an agency: leave the agency blank"
            )
        elif role and cleaned.get("board"):
            duplicate = Membership.objects.filter(
                user=self.user, board=cleaned["board"], role=role, agency=agency
            )
            if duplicate.exists():
                self.add_error("role", "This person already has this role on this board")
        return cleaned


class UserFilterForm(forms.Form):
    """The filters on the list of users; bad values are ignored rather than shown as errors."""

    board = forms.ModelChoiceField(
        queryset=Board.objects.all(), required=False, to_field_name="slug"
    )
    role = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any role"),
            *Role.choices,
            ("panel", "National panel member"),
            ("administrator", "Administrator"),
        ],
    )
    q = forms.CharField(required=False, max_length=200)
