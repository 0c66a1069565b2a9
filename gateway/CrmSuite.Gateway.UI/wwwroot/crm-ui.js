// Browser helpers for the staff UI (imported as a module by BrowserApi).
export function timeZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

export async function copyText(text) {
    if (!navigator.clipboard) {
        return false;
    }
    await navigator.clipboard.writeText(text);
    return true;
}

// Offers text (e.g. a CSV export) as a file download without a server round trip.
export function downloadText(fileName, text, mimeType) {
    return offerDownload(fileName, new Blob([text], { type: mimeType }));
}

// Offers binary content (an XLSX export) given as base64 as a file download.
export function downloadBase64(fileName, base64, mimeType) {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    return offerDownload(fileName, new Blob([bytes], { type: mimeType }));
}

// A PDF (given as bytes) as a blob: address a frame of the page can show (the page's policy frames
// 'self' and blob: only, never data:); the previous address, if any, is let go.
export function pdfUrl(bytes, previous) {
    if (previous) {
        URL.revokeObjectURL(previous);
    }
    return URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
}

export function revokeUrl(url) {
    URL.revokeObjectURL(url);
    return true;
}

function offerDownload(fileName, blob) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    return true;
}

// After a navigation: moves the focus to the page's heading (where a screen reader starts reading)
// unless the person has already put it into a field or a dialog. On a busy server this runs well
// after the page appeared, when the person may already be typing in its search box. The link of
// the menu that was clicked keeps no focus worth keeping: from there the heading takes it.
export function focusIfUnfocused(selector) {
    const active = document.activeElement;
    const typingOrInDialog = active && active !== document.body &&
        (active.matches("input, textarea, select, [contenteditable], [contenteditable] *, [role=textbox], [role=combobox]")
            || active.closest("[role=dialog], .rz-dialog"));
    if (typingOrInDialog) {
        return false;
    }
    const target = document.querySelector(selector);
    if (!target) {
        return false;
    }
    if (!target.hasAttribute("tabindex")) {
        target.setAttribute("tabindex", "-1");
    }
    // The heading is no field: no focus ring for it (crm-ui.css), so nothing flashes on every page.
    target.setAttribute("data-crm-programmatic-focus", "");
    target.focus({ preventScroll: true });
    return true;
}

// After a refusal that names fields: the first field with a message (in the open dialog, else on
// the page) is scrolled into view and its input focused, so a message below the fold of a long form
// is not missed. The summary at the top of the form may be out of view by then.
export function revealFirstFieldError() {
    const dialogs = document.querySelectorAll(".rz-dialog");
    const scope = dialogs.length > 0 ? dialogs[dialogs.length - 1] : document;
    const message = scope.querySelector(".crm-field-error");
    if (!message) {
        return false;
    }
    const field = message.parentElement?.querySelector("input:not([type=hidden]), textarea, select, .rz-dropdown, [tabindex]:not([tabindex='-1'])");
    message.scrollIntoView({ block: "center", behavior: "instant" });
    if (field && typeof field.focus === "function") {
        field.focus({ preventScroll: true });
    }
    return true;
}
