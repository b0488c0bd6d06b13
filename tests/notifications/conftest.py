import pytest

from tests.fakes.message_gateway import FakeMessageGateway


@pytest.fixture
def gateway(settings):  # type: ignore[no-untyped-def]
    with FakeMessageGateway() as fake:
        fake.use(settings)
        yield fake
