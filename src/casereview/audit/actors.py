"""Who made a change, from where and how: the value services and the audit trail take.

Services take an ``Actor`` rather than an ``HttpRequest`` so that the web, the command line and
background tasks go through one function per action. A view builds the actor from its request;
the command line and tasks build their own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from django.http import HttpRequest

    from casereview.accounts.models import User

Via = Literal["web", "command line", "task"]


@dataclass(frozen=True)
class Actor:
    """A person (or nobody, for the system), the address they came from, and how."""

    user: User | None
    ip_address: str | None = None
    via: Via = "web"

    @classmethod
    def from_request(cls, request: HttpRequest, *, user: User | None = None) -> Actor:
        """The signed-in user of a web request (or ``user``, just signed in) and its address.

        The address is REMOTE_ADDR: a trusted proxy must set it correctly.
        """
        if user is None and request.user.is_authenticated:
            user = request.user
        return cls(user=user, ip_address=request.META.get("REMOTE_ADDR") or None, via="web")

    @classmethod
    def command_line(cls, user: User | None = None) -> Actor:
        return cls(user=user, via="command line")

    @classmethod
    def task(cls, user: User | None = None) -> Actor:
        """Background work, on behalf of ``user`` when a person started it."""
        return cls(user=user, via="task")

    @property
    def how(self) -> str:
        """How the change was made, for an event's summary; nothing for the usual web page."""
        return {
            "web": "",
            "command line": " from the command line",
            "task": " by a background task",
        }[self.via]

    @property
    def signed_in_user(self) -> User:
        """The person, for changes only a person may make (a service's last line of defence)."""
        if self.user is None:
            raise PermissionError("This change needs a signed-in person.")
        return self.user
