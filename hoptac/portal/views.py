from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hoptac.portal.errors import UnreadableDocument
from hoptac.portal.forms import ReadingForm
from hoptac.portal.services import document_read


@require_http_methods(["GET", "HEAD", "POST"])
def home(request: HttpRequest) -> HttpResponse:
    """What hoptac is, and the document engine: a file or pasted text in, its reading out."""
    form, result = ReadingForm(), None
    if request.method == "POST":
        form = ReadingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                result = document_read(file=form.cleaned_data["file"], text=form.cleaned_data["text"])
            except UnreadableDocument as error:
                form.add_error(None, str(error))
    template = "portal/home.html#reading-result" if request.htmx else "portal/home.html"
    status = 400 if form.errors else 200
    return render(request, template, {"form": form, "result": result}, status=status)
