"""The [app] config section: watchlist and re-mapped keys read from TOML, bad values refused."""

from __future__ import annotations

import pytest

from newsdesk.config import load_config
from newsdesk.errors import ConfigError


def test_watchlist_and_keys_read_from_toml(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[app]\nwatchlist = ["Anthropic", "Moonshot AI"]\n\n[app.keys]\n'
                    '"stories.mark_read" = "x"\n"app.poll" = "r,f5"\n')
    config = load_config(path)
    assert config.app.watchlist == ("Anthropic", "Moonshot AI")
    assert dict(config.app.keys) == {"stories.mark_read": "x", "app.poll": "r,f5"}
    hash(config)                                        # frozen and hashable, like the rest


@pytest.mark.parametrize("body", ['[app]\nwatchlist = "Anthropic"\n',
                                  '[app.keys]\n"stories.open" = 3\n',
                                  '[app]\ncolour = "red"\n'])
def test_bad_app_values_are_config_errors(tmp_path, body):
    path = tmp_path / "config.toml"
    path.write_text(body)
    with pytest.raises(ConfigError):
        load_config(path)
