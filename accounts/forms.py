from django import forms

from core.forms import HoneypotMixin, InterestsField, OneLineCharField
from postcodes.forms import PostcodeField

from .models import User


class SignupForm(HoneypotMixin, forms.Form):
    """Extra fields on allauth's sign-up form (email and password come from allauth)."""

    display_name = OneLineCharField(
        label="Display name (optional)",
        max_length=60,
        required=False,
        help_text="How other members see you. Your email address is never shown.",
    )

    def signup(self, request, user):
        user.display_name = self.cleaned_data["display_name"].strip()
        user.save(update_fields=["display_name"])


class ProfileForm(forms.ModelForm):
    home_postcode = PostcodeField(
        label="Home postcode (optional)",
        required=False,
        help_text="Used to show what is near you. Only you see it.",
    )
    interests = InterestsField(
        required=False,
        help_text="Separate with commas, for example: gardening, cooking, mental wellbeing.",
    )

    class Meta:
        model = User
        fields = ["display_name", "home_postcode", "interests", "campaign_opt_in"]
        field_classes = {"display_name": OneLineCharField}

    def clean_home_postcode(self):
        location = self.cleaned_data.get("home_postcode")
        return location.postcode if location else ""


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That password is not right.")
        return password
