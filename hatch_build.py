"""Build hook: put the trained models and the example document into a wheel, not into an editable install.

An editable install reads ``models/`` and ``data/`` from the checkout itself
(:mod:`luktheme._paths`); copying 12 MB of models into site-packages there would
only leave a stale copy behind.
"""

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict) -> None:
        if version == "editable":
            return
        build_data["force_include"]["models"] = "luktheme/_models"
        build_data["force_include"]["data"] = "luktheme/_data"
