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
