"""Hypothesis profiles: a quick one for people, a deep one for CI (issue 17).

The profile is chosen by the environment variable ``HYPOTHESIS_PROFILE``:

- ``default``, for a person running the suite before every commit: 50 examples a
  property, enough to catch what each property is for in a run of minutes;
- ``ci``, which .ci/run sets for its second pass over the properties: 200 examples a
  property, at least twice what each ran before the profiles were split;
- ``thorough``, a deliberate hunt by hand: 2,000;
- ``mutation``, derandomised and without the example database, so that a mutation
  score can be repeated (docs/mutation.md).

A property that states its own count (a slow one) states it for the ``ci``-relative
scale of 100 through :func:`examples`, which scales it with the profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: The examples a property draws under each profile; 100 is the reference scale.
EXAMPLES = {"default": 50, "ci": 200, "thorough": 2000, "mutation": 100}

settings.register_profile(
    "default",
    max_examples=EXAMPLES["default"],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    max_examples=EXAMPLES["ci"],
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    # CI prints the seed of a failure and keeps no database between runs anyway.
    database=None,
    print_blob=True,
)
settings.register_profile("thorough", max_examples=EXAMPLES["thorough"], deadline=None)
# mutmut runs each test more than once in one process, from fresh class instances:
# that is the "differing executors".
settings.register_profile(
    "mutation",
    max_examples=EXAMPLES["mutation"],
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.differing_executors],
)

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)


def examples(reference: int) -> int:
    """The examples for a property that draws ``reference`` on the scale of 100, under this profile.

    ``examples(40)`` is 20 for people, 80 in CI and 800 in a thorough hunt; never fewer than 10.
    """
    return max(10, reference * settings.default.max_examples // 100)
