#!/usr/bin/env bash
# One-time set-up on Debian/Ubuntu: the system packages DeskPilot needs, then a virtual
# environment (.venv) with DeskPilot and its Python dependencies. Safe to run again:
# it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-chi-sim   # OCR, English and Simplified Chinese
  libtesseract-dev libleptonica-dev pkg-config g++ python3-dev  # tesserocr built against that same Tesseract
  xvfb openbox x11-utils xdotool xauth                     # virtual X display, window manager, test person
  x11vnc                                                   # a VNC server over the test display: the VNC backend's tests
  dbus at-spi2-core libatk-bridge2.0-0                     # dbus-daemon and the accessibility bus (AT-SPI) on the test display; GTK 3's bridge to it
  gnome-keyring                                            # a real Secret Service keyring in the tests (signing keys, secrets)
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxcb-xfixes0 libegl1 libgl1
  libfontconfig1 libdbus-1-3                               # what Qt's xcb platform plugin loads
  fonts-dejavu-core fonts-noto-cjk                         # deterministic UI font; Chinese glyphs
  mousepad                                                 # a real third-party application for the tests
  homebank gnumeric galculator featherpad nedit whiptail xterm xclip  # the zoo of other people's applications
  binutils                                                 # strings(1): the benchmark's words of each application
)
python3 -c 'import ensurepip, venv' 2>/dev/null || PACKAGES+=(python3-venv python3-pip)

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing system packages: ${missing[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "setup: need root or sudo to install: ${missing[*]}" >&2; exit 2; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
  echo "setup: installing DeskPilot and its Python dependencies into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[dev]'
  # Tesseract in-process, built against the system's libtesseract so that it reads exactly as the
  # tesseract program does (PyPI's wheel carries another version); without it OCR runs a process per call
  .venv/bin/python -m pip install -q --no-binary tesserocr 'tesserocr>=2.7' ||
    echo "setup: tesserocr did not build; OCR will run one tesseract process per call" >&2
  .venv/bin/python -m pip install -q --no-deps 'rapidocr_onnxruntime>=1.4.4,<1.5' ||  # no opencv-python beside headless
    echo "setup: RapidOCR did not install; Chinese text gets Tesseract's second reading only" >&2
  touch .venv/.installed
fi
