"""Password rules beyond Django's built-in validators."""

from __future__ import annotations

from django.core.exceptions import ValidationError


class CharacterMixValidator:
    """Require letters and at least one digit or symbol, so a long word alone is refused."""

    def validate(self, password: str, user: object = None) -> None:
        has_letter = any(c.isalpha() for c in password)
        has_other = any(not c.isalpha() for c in password)
        if not (has_letter and has_other):
            raise ValidationError(
                "Your password must mix letters with numbers or symbols.",
                code="password_character_mix",
            )

    def get_help_text(self) -> str:
        return "Your password must mix letters with numbers or symbols."
