"""Surveys: answering (and changing the answer), the bad input the issue lists, one answer
per organisation, the census answered by 20 members with small counts suppressed, and the
staff's CSV export."""

import csv
import io
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from participation.models import AnswerPer, Response, ResponseAnswer
from tests.factories import UserFactory

from .factories import SurveyFactory, answers, census

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    return SurveyFactory()


@pytest.fixture
def questions(survey):
    return census(survey)


def test_a_member_answers_and_can_change_the_answer(member_client, member, survey, questions):
    url = survey.get_absolute_url()
    assert member_client.post(url, answers(questions, members="40")).status_code == 302
    page = member_client.get(url).content.decode()
    assert "You answered on" in page
    # Answering twice changes the one answer, never makes a second.
    member_client.post(url, answers(questions, members="45", support=(1, 2)))
    response = Response.objects.get()
    assert response.user == member
    number = response.answers.get(question=questions["number"]).number
    assert number == 45
    chosen = response.answers.get(question=questions["multiple"]).choices.all()
    assert [c.label for c in chosen] == ["Legal", "Digital"]


def test_a_required_question_skipped_is_named_and_the_rest_kept(member_client, survey, questions):
    data = answers(questions, members="77")
    del data[f"q{questions['single'].pk}"]
    response = member_client.post(survey.get_absolute_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sector?: Please answer this question: it is required." in html
    assert 'value="77"' in html
    assert Response.objects.count() == 0


def test_a_scale_answer_out_of_range_is_refused(member_client, survey, questions):
    response = member_client.post(survey.get_absolute_url(), answers(questions, scale="9"))
    assert response.status_code == 400
    assert "Choose a number from 1 to 5." in response.content.decode()
    assert Response.objects.count() == 0


def test_answers_after_closing_are_refused_and_kept(member_client, survey, questions):
    survey.closes_at = timezone.now() + timedelta(minutes=5)
    survey.save()
    data = answers(questions, members="31", notes="Typed before it closed")
    with time_machine.travel(survey.closes_at + timedelta(minutes=1)):
        response = member_client.post(survey.get_absolute_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "This survey is closed, so answers can no longer be sent or changed." in html
    assert "Typed before it closed" in html
    assert Response.objects.count() == 0


def test_one_answer_per_organisation(member_client, stranger_client, questions, survey):
    survey.answer_per = AnswerPer.ORGANISATION
    survey.save()
    data = {**answers(questions), "organisation": "Leeds Bread Co-op"}
    assert member_client.post(survey.get_absolute_url(), data).status_code == 302
    again = stranger_client.post(
        survey.get_absolute_url(), {**data, "organisation": "  leeds  bread co-op "}
    )
    assert again.status_code == 400
    assert "Someone from this organisation has already answered" in again.content.decode()
    assert Response.objects.count() == 1


def test_visitors_are_asked_to_log_in(client, survey, questions):
    assert "Log in to answer" in client.get(survey.get_absolute_url()).content.decode()
    assert client.post(survey.get_absolute_url(), answers(questions)).status_code == 302
    assert Response.objects.count() == 0


def test_an_unpublished_survey_is_not_there(member_client):
    survey = SurveyFactory(is_published=False)
    assert member_client.get(survey.get_absolute_url()).status_code == 404


def census_by_twenty(survey, questions):
    """20 members answer: 16 say Food, 3 Housing, 1 Energy; all 20 need Finance, 4 Legal."""
    for i in range(20):
        client = Client()
        client.force_login(UserFactory())
        sector = 0 if i < 16 else (1 if i < 19 else 2)
        support = (0, 1) if i < 4 else (0,)
        data = answers(questions, sector=sector, support=support, members=str(10 + i))
        if i < 3:
            # Only three answer the optional scale: too few to show.
            data[f"q{questions['scale'].pk}"] = "5"
        else:
            data.pop(f"q{questions['scale'].pk}")
        assert client.post(survey.get_absolute_url(), data).status_code == 302


def result_of(html: str, question, end: str) -> str:
    return html.split(f'id="question-{question.pk}"')[1].split(end)[0]


def test_the_census_answered_by_twenty_members_suppresses_small_counts(
    client, survey, questions, django_assert_max_num_queries
):
    census_by_twenty(survey, questions)
    assert Response.objects.count() == 20
    with django_assert_max_num_queries(12):
        page = client.get(f"{survey.get_absolute_url()}results/")
    html = page.content.decode()
    assert "20 responses so far." in html
    sector = result_of(html, questions["single"], "</table>")
    # Food 16 is shown; Housing (3) and Energy (1) are both hidden: one hidden cell alone
    # could be worked out as 20 - 16 - 3.
    assert "<td>16</td>" in sector
    assert "<td>3</td>" not in sector and "<td>1</td>" not in sector
    assert sector.count("fewer than 5") >= 2
    assert "<svg" in sector and 'role="img"' in sector
    scale = result_of(html, questions["scale"], "</div>")
    assert "Fewer than 5 answers: not shown" in scale
    support = result_of(html, questions["multiple"], "</table>")
    assert "<td>20</td>" in support and "fewer than 5" in support  # Legal: 4


def test_results_are_private_until_published(client, staff_client, survey, questions):
    survey.results_public = False
    survey.save()
    assert client.get(f"{survey.get_absolute_url()}results/").status_code == 404
    assert staff_client.get(f"{survey.get_absolute_url()}results/").status_code == 200


def test_staff_export_every_response_as_csv(staff_client, member_client, survey, questions):
    member_client.post(
        survey.get_absolute_url(), answers(questions, support=(0, 2), notes="=HYPERLINK(1)")
    )
    url = f"{survey.get_absolute_url()}export.csv"
    assert member_client.get(url).status_code == 302
    response = staff_client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][4:] == ["Sector?", "How many members?", "What support?", "How confident?",
                           "Anything else?"]  # fmt: skip
    assert rows[1][4:] == ["Food", "12", "Finance; Digital", "4", "'=HYPERLINK(1)"]
    assert len(rows) == 2


def test_answers_are_saved_whole(member, survey, questions, member_client):
    member_client.post(survey.get_absolute_url(), answers(questions, notes="More halls"))
    assert ResponseAnswer.objects.count() == 5
    assert ResponseAnswer.objects.get(question=questions["long"]).text == "More halls"
    assert timezone.now() < survey.closes_at
