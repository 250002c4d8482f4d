"""Shared test configuration: hypothesis profiles and golden-file refreshing."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# "default" keeps the suite quick on a shared 2-core machine; "thorough" is for a
# deliberate hunt: HYPOTHESIS_PROFILE=thorough pytest.
settings.register_profile(
    "default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
