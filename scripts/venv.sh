# Sourced by run.sh and test.sh: create .venv if missing and install the given requirements file.
python3 -m venv .venv 2>/dev/null || {
  echo "python3 -m venv failed: on Debian/Ubuntu install it with 'sudo apt-get install -y python3-venv'" >&2
  exit 1
}
stamp=".venv/.installed-$(basename "$1")"
if [ ! -f "$stamp" ] || [ "$1" -nt "$stamp" ] || [ requirements.txt -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$1"
  touch "$stamp"
fi
