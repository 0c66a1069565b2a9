// The staff UI's service worker for browser notifications. The scheduling service sends each
// reminder as JSON { title, body, url, tag } (services/Scheduling/.../WebPush/PushNotification.cs);
// the tag is the reminder's id, so a reminder delivered twice replaces itself on the screen.
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", event => event.waitUntil(self.clients.claim()));

self.addEventListener("push", event => {
    let message = {};
    try {
        message = event.data ? event.data.json() : {};
    } catch {
        message = { title: event.data ? event.data.text() : "" };
    }
    const icon = new URL("favicon.svg", self.location.href).href;
    event.waitUntil(self.registration.showNotification(message.title || "CRM", {
        body: message.body || "",
        tag: message.tag || undefined,
        icon,
        badge: icon,
        requireInteraction: true,
        data: { url: message.url || "/" },
    }));
});

// A click opens the item in the staff UI: in a tab already showing the CRM when there is one.
self.addEventListener("notificationclick", event => {
    event.notification.close();
    const target = new URL(event.notification.data && event.notification.data.url || "/", self.location.origin);
    if (target.origin !== self.location.origin) {
        return;
    }
    event.waitUntil((async () => {
        const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
        const open = windows.find(client => new URL(client.url).origin === target.origin && "navigate" in client);
        if (open) {
            await open.focus();
            return open.navigate(target.href);
        }
        return self.clients.openWindow(target.href);
    })());
});
