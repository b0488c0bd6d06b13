"""The front office's pages (names in the "frontoffice" namespace)."""

from . import views_desk, views_queue

app_name = "frontoffice"
urlpatterns = [*views_queue.urlpatterns, *views_desk.urlpatterns]
