// Leadership events: the organiser's turning check-in code, an attendee's location for a site visit,
// and scanning the code with the camera where the browser can read QR codes (BarcodeDetector).
(function () {
  "use strict";

  function codeScreen(screen) {
    var url = screen.getAttribute("data-code-url");
    var left = parseInt(screen.getAttribute("data-seconds-left"), 10) || 30;
    var countdown = screen.querySelector("[data-countdown]");
    function tick() {
      left -= 1;
      if (countdown) countdown.textContent = left > 0 ? "(" + left + " s)" : "";
      if (left <= 0) refresh();
    }
    function refresh() {
      left = 30;
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (data) {
          screen.querySelector("[data-code]").textContent = data.code;
          screen.querySelector("[data-qr]").innerHTML = data.svg;
          left = data.seconds_left;
        })
        .catch(function () { left = 5; });
    }
    window.setInterval(tick, 1000);
  }

  function locate(form) {
    var status = form.querySelector("[data-location-status]");
    var button = form.querySelector("[data-locate]");
    function read(onDone) {
      if (!navigator.geolocation) {
        status.textContent = status.getAttribute("data-unsupported") || "Lokasi tidak tersedia di peramban ini.";
        return;
      }
      status.textContent = "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        form.querySelector("[name=latitude]").value = position.coords.latitude.toFixed(6);
        form.querySelector("[name=longitude]").value = position.coords.longitude.toFixed(6);
        form.querySelector("[name=accuracy]").value = Math.round(position.coords.accuracy);
        status.textContent = "✓ " + position.coords.latitude.toFixed(5) + ", " + position.coords.longitude.toFixed(5) + " (±" + Math.round(position.coords.accuracy) + " m)";
        if (onDone) onDone();
      }, function (error) {
        status.textContent = error.message;
        if (onDone) onDone();
      }, { enableHighAccuracy: true, timeout: 15000, maximumAge: 30000 });
    }
    if (button) button.addEventListener("click", function () { read(); });
    form.addEventListener("submit", function (event) {
      if (form.querySelector("[name=latitude]").value || form.getAttribute("data-located")) return;
      event.preventDefault();
      form.setAttribute("data-located", "1");
      read(function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
  }

  function scanner(box) {
    if (!("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    box.hidden = false;
    var video = box.querySelector("[data-scan-video]");
    var status = box.querySelector("[data-scan-status]");
    box.querySelector("[data-scan-start]").addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        video.play();
        function look() {
          detector.detect(video).then(function (codes) {
            var found = codes.find(function (code) { return code.rawValue.indexOf("/check-in/") !== -1; });
            if (found) {
              stream.getTracks().forEach(function (track) { track.stop(); });
              window.location.href = found.rawValue;
            } else {
              window.requestAnimationFrame(look);
            }
          }).catch(function () { window.requestAnimationFrame(look); });
        }
        look();
      }).catch(function (error) { status.textContent = error.message; });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-code-screen]").forEach(codeScreen);
    document.querySelectorAll("[data-needs-location]").forEach(locate);
    document.querySelectorAll("[data-scanner]").forEach(scanner);
  });
})();
