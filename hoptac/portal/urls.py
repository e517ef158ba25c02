from django.urls import path

from hoptac.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
]
