// Front-office screens: print the ticket; on the board, chime and announce new calls in Indonesian.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });

  const rows = document.getElementById("board-rows");
  if (!rows) return;
  const soundButton = document.getElementById("board-sound");
  let audio = null;
  let enabled = false;
  const seen = new Set(Array.from(rows.querySelectorAll("[data-call]"), (r) => r.dataset.call));

  function chime() {
    if (!audio) return;
    [660, 880].forEach((freq, i) => {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.25, audio.currentTime + i * 0.35);
      gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + i * 0.35 + 0.3);
      osc.connect(gain).connect(audio.destination);
      osc.start(audio.currentTime + i * 0.35);
      osc.stop(audio.currentTime + i * 0.35 + 0.32);
    });
  }

  function say(text) {
    if (!("speechSynthesis" in window)) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "id-ID";
    utterance.rate = 0.9;
    const voice = window.speechSynthesis.getVoices().find((v) => v.lang && v.lang.startsWith("id"));
    if (voice) utterance.voice = voice;
    window.speechSynthesis.speak(utterance);
  }

  soundButton.addEventListener("click", () => {
    enabled = !enabled;
    soundButton.setAttribute("aria-pressed", String(enabled));
    if (enabled && !audio) audio = new (window.AudioContext || window.webkitAudioContext)();
    if (enabled) chime();
  });

  document.body.addEventListener("htmx:afterSwap", (event) => {
    if (event.target !== rows) return;
    const fresh = Array.from(rows.querySelectorAll("[data-call]")).filter((r) => !seen.has(r.dataset.call));
    fresh.forEach((r) => seen.add(r.dataset.call));
    document.body.dataset.announced = String(Number(document.body.dataset.announced || 0) + fresh.length);
    if (!enabled || fresh.length === 0) return;
    chime();
    window.setTimeout(() => fresh.reverse().forEach((r) => say(r.dataset.say)), 800);
  });
});
