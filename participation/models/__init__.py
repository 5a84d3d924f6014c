"""The participation app's tables, one module per sub-domain (re-exported here)."""

from .notifications import Delivery, Notice, NoticeKind, NoticeSettings
from .posts import Comment, CommentReport, Post, PostKind
from .processes import Follow, PanelMember, Phase, Process
from .proposals import AnswerStatus, OfficialAnswer, Proposal, Support
from .surveys import (
    AnswerPer,
    Choice,
    Question,
    QuestionKind,
    Response,
    ResponseAnswer,
    Section,
    Survey,
)

__all__ = [
    "AnswerPer",
    "AnswerStatus",
    "Choice",
    "Comment",
    "CommentReport",
    "Delivery",
    "Follow",
    "Notice",
    "NoticeKind",
    "NoticeSettings",
    "OfficialAnswer",
    "PanelMember",
    "Phase",
    "Post",
    "PostKind",
    "Process",
    "Proposal",
    "Question",
    "QuestionKind",
    "Response",
    "ResponseAnswer",
    "Section",
    "Support",
    "Survey",
]
