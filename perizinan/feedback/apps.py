from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "perizinan.feedback"
    label = "feedback"
    verbose_name = "Survei kepuasan dan pengaduan"
