from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from core.ratelimit import rate_limit
from core.views import render_form

from .forms import DeleteAccountForm, ProfileForm
from .services import account_delete


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render_form(request, "accounts/profile.html", {"form": form})


@login_required
# Every try counts: the form takes a password, so it must not take guesses.
@rate_limit(
    key="user",
    rate="5/h",
    counts="attempts",
    message=gettext_lazy(
        "That is several wrong passwords in a row, so we have paused deleting for a while."
    ),
)
@require_http_methods(["GET", "POST"])
def delete(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        account_delete(user=user)
        messages.success(request, _("Your account and your personal data have been deleted."))
        return redirect("home")
    return render_form(request, "accounts/delete.html", {"form": form})
