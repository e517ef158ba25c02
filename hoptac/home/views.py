from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods
from django.views.decorators.vary import vary_on_headers

from hoptac.core.generation import cached_fragment, data_generation
from hoptac.core.search import search_words
from hoptac.core.text import nfc
from hoptac.home.dashboard import dashboard_for
from hoptac.home.reading import document_read
from hoptac.home.search import search
from hoptac.plans.errors import UnreadableDocument
from hoptac.plans.forms import DocumentForm
from hoptac.plans.selectors import visibility_key
from hoptac.tracking.dashboard_views import my_work_html


@require_http_methods(["GET", "HEAD", "POST"])
@vary_on_headers("HX-Request")  # the reading's result for htmx, the whole page without it
def home(request: HttpRequest) -> HttpResponse:
    """What hoptac is, and the document engine: a file or pasted text in, its reading out."""
    form, result = DocumentForm(), None
    if request.method == "POST":
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = document_read(file=form.cleaned_data["file"], text=form.cleaned_data["text"])
            except UnreadableDocument as error:
                form.add_error(None, str(error))
    template = "home/home.html#reading-result" if request.htmx else "home/home.html"
    status = 400 if form.errors else 200
    context = {"form": form, "result": result}
    if request.user.is_authenticated and not request.htmx:
        context["dashboard"] = dashboard_for(request.user)
        context["work_html"] = my_work_html(request)
        context["work_html"] = my_work_html(request)
    return render(request, template, context, status=status)


@require_GET
@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    query = nfc(request.GET.get("q", ""))[:200]

    def render_results() -> str:
        results = search(user=request.user, query=query) if query.strip() else None
        return render_to_string("home/search.html#results", {"query": query, "results": results}, request)

    # Everyone who sees the same plans shares the results of the same words until anything changes;
    # units are ranked from the user's alliance, which those who see everything do not share.
    words = tuple(search_words(query))
    near = request.user.acts_for
    html = cached_fragment(
        "search",
        visibility_key(request.user),
        near.pk if near is not None else None,
        words,
        query,
        render=render_results,
        generation=data_generation(request),
    )
    return render(request, "home/search.html", {"query": query, "results_html": html})
