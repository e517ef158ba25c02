from django.urls import path

from hoptac.home import views

app_name = "home"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search_page, name="search"),
]
