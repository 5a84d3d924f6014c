"""A survey: answering it (and changing the answer until it closes), its results, and the
staff's CSV export."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from core.csv_export import export_csv
from core.ratelimit import rate_limit
from core.views import render_form

from .. import services
from ..models import Survey
from ..services.surveys import survey_questions
from ..survey_forms import SurveyForm


def survey_or_404(request, slug: str) -> Survey:
    qs = Survey.objects.select_related("process")
    if not request.user.is_staff:
        qs = qs.published()
    return get_object_or_404(qs, slug=slug)


@require_http_methods(["GET", "POST"])
@rate_limit(
    key="user_or_ip",
    rate="30/h",
    message=gettext_lazy("You have sent this survey many times in an hour; please wait a while."),
)
def survey_detail(request, slug):
    survey = survey_or_404(request, slug)
    user = request.user
    if request.method == "POST" and not user.is_authenticated:
        return redirect_to_login(survey.get_absolute_url())
    response = services.response_for(survey=survey, user=user)
    questions = survey_questions(survey=survey)
    form = SurveyForm(
        request.POST or None,
        survey=survey,
        questions=questions,
        initial=services.response_initial(response=response),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.response_save(
                survey=survey,
                user=user,
                answers=form.answers(),
                organisation=form.cleaned_data.get("organisation", ""),
            )
        except services.ParticipationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you: your answers are saved. "
                    "You can change them until the survey closes."
                ),
            )
            return redirect(survey)
    context = {
        "survey": survey,
        "form": form,
        "response": response,
        "is_open": survey.is_open(),
    }
    return render_form(request, "participation/survey_detail.html", context)


@require_GET
def survey_results(request, slug):
    survey = survey_or_404(request, slug)
    if not (survey.results_public or request.user.is_staff):
        raise Http404("The results are not published yet")
    context = {
        "survey": survey,
        "sections": services.survey_results(survey=survey),
        "threshold": services.THRESHOLD,
        "responses": survey.responses.count(),
    }
    return render(request, "participation/survey_results.html", context)


@staff_member_required
@require_GET
def survey_export(request, slug):
    survey = get_object_or_404(Survey, slug=slug)
    header, rows = services.export_rows(survey=survey)
    return export_csv(f"{survey.slug}-responses.csv", header, rows)
