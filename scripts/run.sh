#!/usr/bin/env bash
# Starts everything the app needs: the web server and the task worker (documents,
# notifications, reminders). Ctrl-C stops both. PORT=8001 make run to use another port.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${PORT:-8000}"
HOST="${HOST:-127.0.0.1}"

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

$PY manage.py run_worker --no-reload --interval 0.5 &
pids+=($!)
$PY manage.py runserver "$HOST:$PORT" &
pids+=($!)

cat <<MSG

  Perizinan berjalan di http://$HOST:$PORT/  (masuk: http://$HOST:$PORT/akun/masuk/)
  Akun demo: nama pengguna = kode peran (applicant, cs, registration, ...), sandi demo12345.
  Pekerja tugas (dokumen, notifikasi) berjalan di latar. Tekan Ctrl-C untuk menghentikan keduanya.
  Port lain: PORT=8001 make run

MSG
# Whichever stops first stops the other.
wait -n "${pids[@]}"
