"""Tables of a study group's link to a JupyterHub group (created by migration 0004_hub_groups).

- ``hub_group_links``: at most one per study group, naming the JupyterHub group whose
  members are imported, who linked it and when it was last synced.
- ``hub_group_members``: every JupyterHub-group member the link has seen, and whether the
  link made them a member of the study group (`added`). Only those may be removed again by
  a later sync; people who were members before the link are never touched.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base
from ..models import UTCDateTime, utcnow


class HubGroupLink(Base):
    __tablename__ = "hub_group_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), unique=True)
    hub_group: Mapped[str] = mapped_column(String(255))
    linked_by: Mapped[str] = mapped_column(ForeignKey("users.username"))
    linked_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    synced_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    synced_by: Mapped[str | None] = mapped_column(String(255), nullable=True)

    members: Mapped[list[HubGroupMember]] = relationship(
        back_populates="link",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="HubGroupMember.username",
    )


class HubGroupMember(Base):
    __tablename__ = "hub_group_members"
    __table_args__ = (
        UniqueConstraint("link_id", "username", name="uq_hub_group_members_link_user"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    link_id: Mapped[int] = mapped_column(
        ForeignKey("hub_group_links.id", ondelete="CASCADE"), index=True
    )
    username: Mapped[str] = mapped_column(ForeignKey("users.username"))
    # True when the link made this person a member of the study group.
    added: Mapped[bool] = mapped_column(Boolean, default=False)

    link: Mapped[HubGroupLink] = relationship(back_populates="members")
