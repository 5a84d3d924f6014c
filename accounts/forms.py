from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, InterestsField, OneLineCharField
from postcodes.forms import PostcodeField

from .models import User


class SignupForm(HoneypotMixin, forms.Form):
    """Extra fields on allauth's sign-up form (email and password come from allauth)."""

    display_name = OneLineCharField(
        label=_("Display name (optional)"),
        max_length=60,
        required=False,
        help_text=_("How other members see you. Your email address is never shown."),
    )
    language = forms.ChoiceField(
        label=_("Language for our emails to you"),
        choices=settings.LANGUAGES,
        required=False,
        help_text=_("You can change this in your profile."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The language the visitor is browsing in, unless they pick the other one.
        self.fields["language"].initial = get_language()

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.language = self.cleaned_data["language"] or get_language()
        user.save(update_fields=["display_name", "language"])


class ProfileForm(forms.ModelForm):
    home_postcode = PostcodeField(
        label=_("Home postcode (optional)"),
        required=False,
        help_text=_("Used to show what is near you. Only you see it."),
    )
    interests = InterestsField(
        label=_("Interests"),
        required=False,
        help_text=_("Separate with commas, for example: gardening, cooking, mental wellbeing."),
    )

    class Meta:
        model = User
        fields = ["display_name", "home_postcode", "interests", "campaign_opt_in", "language"]
        field_classes = {"display_name": OneLineCharField}
        labels = {"language": _("Language for our emails to you")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Everyone has a language now; a member who joined before choosing was written to
        # in English, so that is what the form shows until they change it.
        field = self.fields["language"]
        field.choices = settings.LANGUAGES
        if not self.instance.language:
            self.initial["language"] = settings.LANGUAGE_CODE

    def clean_language(self):
        # A form posted without it (an old page) keeps what is stored.
        return self.cleaned_data.get("language") or self.instance.language

    def clean_home_postcode(self):
        location = self.cleaned_data.get("home_postcode")
        return location.postcode if location else ""


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That password is not right."))
        return password
