(function () {
  'use strict';
  var settingsElement = document.getElementById('tandem-job-aid');
  if (!settingsElement) return;
  var settings = JSON.parse(settingsElement.textContent);
  var here = new URL(window.location.href);
  // The version a printed copy's QR code carries; anything else in ?v= (a typo, a pasted link,
  // text someone hopes to show on the page) is ignored, in the notice and in the statement.
  var printed = here.searchParams.get('v');
  if (printed && !/^\d{1,4}\.\d{1,4}\.\d{1,4}(?:-[0-9A-Za-z.-]{1,32})?$/.test(printed)) printed = null;
  // The channel the link came through: src=qr on a printed copy's QR code, slack/teams/email on a
  // card's link. A card's link holds ?v= too, but only a printed copy (src=qr, or no tag on copies
  // printed before it) is a scan of that printed version.
  var channel = here.searchParams.get('src');
  if (!/^(slack|teams|email|qr)$/.test(channel || '')) channel = null;
  var scanned = channel && channel !== 'qr' ? null : printed;

  var notice = document.getElementById('version-notice');
  if (notice && printed && printed !== settings.version) {
    notice.textContent = (notice.getAttribute('data-template') || '').replace('{printed}', printed).replace('{current}', settings.version);
    notice.hidden = false;
  }

  if (!settings.relayUrl || !settings.page || !settings.statement) return;
  var page = new URL(settings.page);
  var samePage = here.origin === page.origin && here.pathname.replace(/\.html$/, '') === page.pathname.replace(/\.html$/, '');
  if (!samePage || window.__tandemJobAidRecorded) return;
  window.__tandemJobAidRecorded = true;

  function uuid() {
    if (window.crypto && typeof window.crypto.randomUUID === 'function') return window.crypto.randomUUID();
    // randomUUID needs a secure context; an intranet served over http still has getRandomValues.
    var b = window.crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }
  // Anonymous but stable per device, so "opened 40 times" can be told from "40 people opened it".
  var anonymous;
  try {
    anonymous = window.localStorage.getItem('tandem.anonymousId');
    if (!anonymous) {
      anonymous = uuid();
      window.localStorage.setItem('tandem.anonymousId', anonymous);
    }
  } catch (e) {
    anonymous = uuid();
  }

  var statement = JSON.parse(JSON.stringify(settings.statement));
  statement.id = uuid();
  statement.timestamp = new Date().toISOString();
  statement.actor = { objectType: 'Agent', account: { homePage: page.origin, name: anonymous } };
  if (scanned || channel) statement.context.extensions = {};
  if (scanned) statement.context.extensions[settings.printedVersionKey] = scanned;
  if (channel && settings.channelKey) statement.context.extensions[settings.channelKey] = channel;
  window.fetch(settings.relayUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(statement),
    credentials: 'omit',
    keepalive: true
  }).catch(function () {});
})();