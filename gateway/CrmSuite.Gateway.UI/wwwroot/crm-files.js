// File uploads of the staff UI (imported as a module by RecordFiles). The browser sends each file
// itself, streamed, to the gateway's POST /files (which forwards it to the documents service with the
// person's token): a file never travels through the Blazor circuit. Progress and the answer are
// reported to the component; a file over the limit is refused here before a byte is sent.
export function attach(zone, input, component, options) {
    let queue = Promise.resolve();
    const enqueue = files => {
        for (const file of Array.from(files)) {
            queue = queue.then(() => upload(file, component, options));
        }
    };
    const over = event => {
        if (!event.dataTransfer || !Array.from(event.dataTransfer.types).includes("Files")) {
            return;
        }
        event.preventDefault();
        zone.classList.add("crm-drop-active");
    };
    const leave = () => zone.classList.remove("crm-drop-active");
    const drop = event => {
        if (!event.dataTransfer) {
            return;
        }
        event.preventDefault();
        leave();
        enqueue(event.dataTransfer.files);
    };
    const picked = () => {
        enqueue(input.files);
        input.value = "";
    };
    zone.addEventListener("dragover", over);
    zone.addEventListener("dragenter", over);
    zone.addEventListener("dragleave", leave);
    zone.addEventListener("drop", drop);
    input.addEventListener("change", picked);
    // Ready: a file chosen from now on is uploaded (tests wait for this before choosing one).
    input.dataset.attached = "true";
    return {
        dispose() {
            zone.removeEventListener("dragover", over);
            zone.removeEventListener("dragenter", over);
            zone.removeEventListener("dragleave", leave);
            zone.removeEventListener("drop", drop);
            input.removeEventListener("change", picked);
        },
    };
}

function upload(file, component, options) {
    if (file.size > options.maxBytes) {
        return component.invokeMethodAsync("UploadFinished", file.name, 413, "").catch(() => { });
    }
    return new Promise(resolve => {
        const done = (status, body) => component.invokeMethodAsync("UploadFinished", file.name, status, body).catch(() => { }).finally(resolve);
        const query = new URLSearchParams({ record_type: options.recordType, record_id: options.recordId, file_name: file.name });
        const request = new XMLHttpRequest();
        request.open("POST", `${options.url}?${query}`);
        if (options.antiforgery) {
            request.setRequestHeader("RequestVerificationToken", options.antiforgery);
        }
        let shown = -1;
        request.upload.onprogress = event => {
            const percent = event.lengthComputable && event.total > 0 ? Math.floor(event.loaded * 100 / event.total) : 0;
            if (percent !== shown) {
                shown = percent;
                component.invokeMethodAsync("UploadProgress", file.name, percent).catch(() => { });
            }
        };
        request.onload = () => done(request.status, request.responseText);
        request.onerror = () => done(0, "");
        request.onabort = () => done(0, "");
        component.invokeMethodAsync("UploadProgress", file.name, 0).catch(() => { });
        request.send(file);
    });
}
