"""Uploaded and generated files on S3-compatible object storage (django-storages' S3 backend)
against moto's S3 server on loopback: an upload, a step whose document the worker makes (and
the head's signature, stored before its step commits), downloads through the API, and the
objects in the bucket, byte for byte. Nothing lands on local disk."""

import hashlib
from collections.abc import Iterator
from datetime import timedelta

import boto3
import pytest
from moto.server import ThreadedMotoServer

from perizinan.applications.models import Document
from perizinan.documents.models import GeneratedDocument
from perizinan.maintenance.integrity import check
from perizinan.maintenance.stored import sweep
from tests.helpers import act, create_complete, run_until
from tests.worker import drain

pytestmark = pytest.mark.django_db
BUCKET = "perizinan-test"


@pytest.fixture
def s3_storage(settings, monkeypatch) -> Iterator[object]:  # type: ignore[no-untyped-def]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    for name, value in {
        "AWS_ACCESS_KEY_ID": "test-key",
        "AWS_SECRET_ACCESS_KEY": "test-secret",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": BUCKET,
                "endpoint_url": endpoint,
                "region_name": "us-east-1",
                "default_acl": None,
                "file_overwrite": False,
            },
        },
    }
    try:
        yield client
    finally:
        server.stop()


def _objects(client) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


def test_upload_generated_and_signed_documents_live_in_the_bucket(
    s3_storage, api, application_data, settings
):
    client = s3_storage
    app_id = create_complete(api, application_data)
    run_until(api, app_id, stop_before="number_licence")  # through step 14: the head's signature
    drain()  # the worker makes every step's documents and stores them in the bucket
    act(api, app_id, "registry", "number_licence", {"final_checklist_checked": True})
    drain()

    objects = _objects(client)
    uploads = list(Document.objects.filter(application_id=app_id))
    generated = list(GeneratedDocument.objects.filter(application_id=app_id))
    assert uploads and generated
    assert {"licence", "licence_signed"} <= {g.kind for g in generated}
    # Every record has its object, with the bytes its hash names, and no object lacks a record.
    assert set(objects) == {d.file.name for d in uploads} | {g.file.name for g in generated}
    for rec in [*uploads, *generated]:
        assert hashlib.sha256(objects[rec.file.name]).hexdigest() == rec.sha256

    # Downloads through the API stream from the bucket.
    doc = uploads[0]
    r = api("cs").get(f"/applications/{app_id}/documents/{doc.pk}")
    assert r.status_code == 200
    assert hashlib.sha256(b"".join(r.streaming_content)).hexdigest() == doc.sha256
    licence = next(g for g in generated if g.kind == "licence")
    r = api("applicant").get(f"/applications/{app_id}/generated/{licence.pk}")
    assert r.status_code == 200
    body = b"".join(r.streaming_content)
    assert body.startswith(b"%PDF") and hashlib.sha256(body).hexdigest() == licence.sha256
    # The public verification reads the licence back from the bucket and finds it intact.
    verified = api().get(f"/licences/verify/{licence.application.licence.verification_code}")
    assert verified.status_code == 200, verified.content
    assert verified.json()["valid"] is True
    assert verified.json()["document"]["intact_and_trusted"] is True
    # The integrity check and the orphan sweep list and read the bucket through the same API.
    report = check()
    assert report.ok, report.problems
    assert report.counts["files"] == len(objects)
    client.put_object(Bucket=BUCKET, Key="generated/999/ab/stray.pdf", Body=b"left by a killed request")
    assert sweep(older_than=timedelta(0)) == ["generated/999/ab/stray.pdf"]
    assert set(_objects(client)) == set(objects)
    # Nothing was written to local disk.
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
