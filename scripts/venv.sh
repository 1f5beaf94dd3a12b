# Sourced by run.sh and test.sh: create .venv if missing and install the given requirements file.
if [ ! -x .venv/bin/python ]; then
  if ! python3 -m venv .venv 2>/dev/null; then
    # A fresh Debian/Ubuntu has Python but not its venv module.
    echo "Installing python3-venv to create .venv" >&2
    rm -rf .venv
    sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq python3-venv
    python3 -m venv .venv
  fi
fi
stamp=".venv/.installed-$(basename "$1")"
if [ ! -f "$stamp" ] || [ "$1" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$1"
  touch "$stamp"
  # requirements-dev.txt includes requirements.txt: the app's own set is installed too.
  if [ "$1" = requirements-dev.txt ]; then touch .venv/.installed-requirements.txt; fi
fi
