from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError(_("An email address is required."))
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A member, identified by email address (there are no usernames)."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("How other members see you. Leave blank to stay anonymous."),
    )
    home_postcode = models.CharField(_("home postcode"), max_length=8, blank=True)
    interests = TaggableManager(
        _("interests"),
        blank=True,
        help_text=_("What you care about, to suggest things near you."),
    )
    campaign_opt_in = models.BooleanField(
        _("email me about campaigns"),
        default=True,
        help_text=_("Occasional emails such as “Do you need help, or can you help?”."),
    )
    # Blank for members who joined before they could choose: they are written to in English.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language of the emails we send you."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.display_name or self.email

    @property
    def public_name(self) -> str:
        """The name shown to other members: never the email address."""
        return self.display_name or str(_("A coopcentre member"))
