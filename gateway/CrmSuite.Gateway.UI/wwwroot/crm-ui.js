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
