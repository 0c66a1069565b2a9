// Browser notifications (Web Push) for the staff UI, imported as a module by Notifications/PushBrowser.cs.
// The service worker lives beside this file; its scope is its folder, which is enough: push and
// notification clicks reach a worker whatever its scope, and it opens pages of the whole origin.
const worker = new URL("crm-push-sw.js", import.meta.url).href;

function supported() {
    return window.isSecureContext && "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
}

// Registers the worker (again: harmless) and waits until it is active, which subscribing needs.
async function activeRegistration() {
    const registration = await navigator.serviceWorker.register(worker);
    const pending = registration.installing || registration.waiting;
    if (!registration.active && pending) {
        await new Promise(resolve => {
            pending.addEventListener("statechange", () => { if (pending.state === "activated" || pending.state === "redundant") resolve(); });
        });
    }
    return registration;
}

// What the page shows: supported or not, the permission, and this browser's subscription endpoint.
export async function state() {
    if (!supported()) {
        return { supported: false, permission: "unsupported", endpoint: null, registered: false };
    }
    const registration = await activeRegistration();
    const subscription = await registration.pushManager.getSubscription();
    return { supported: true, permission: Notification.permission, endpoint: subscription ? subscription.endpoint : null, registered: !!registration.active };
}

function sameKey(subscription, publicKey) {
    const key = subscription.options && subscription.options.applicationServerKey;
    if (!key) {
        return true;
    }
    const text = btoa(String.fromCharCode(...new Uint8Array(key))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    return text === publicKey;
}

// Asks for permission and subscribes with the server's VAPID public key; answers the subscription
// as the service takes it, or { error: "unsupported" | "denied" | "dismissed" }.
export async function subscribe(publicKey) {
    if (!supported()) {
        return { error: "unsupported" };
    }
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
        return { error: permission === "denied" ? "denied" : "dismissed" };
    }
    const registration = await activeRegistration();
    let subscription = await registration.pushManager.getSubscription();
    if (subscription && !sameKey(subscription, publicKey)) {
        // The server's key pair was replaced: the old subscription can never be sent to.
        await subscription.unsubscribe();
        subscription = null;
    }
    subscription = subscription || await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: publicKey });
    const json = subscription.toJSON();
    return { endpoint: json.endpoint, p256dh: json.keys.p256dh, auth: json.keys.auth, userAgent: navigator.userAgent };
}

// Ends this browser's subscription; answers its endpoint (for the service to forget) or null.
export async function unsubscribe() {
    if (!supported()) {
        return null;
    }
    const registration = await navigator.serviceWorker.getRegistration(worker);
    const subscription = registration && await registration.pushManager.getSubscription();
    if (!subscription) {
        return null;
    }
    const endpoint = subscription.endpoint;
    await subscription.unsubscribe();
    return endpoint;
}
