// The shop's own script, deployed as written: nobody ran the minifier.

/**
 * Wires the discount-code button to the clipboard, and tells the shopper
 * whether copying worked.
 */
function wireCopyButton() {
    const button = document.getElementById("copy");
    if (!button) {
        return;
    }

    // ClipboardJS comes from vendor.min.js
    const clipboard = new ClipboardJS(button);

    clipboard.on("success", (event) => {
        showMessage("Copied " + event.text + " to the clipboard.");
        event.clearSelection();
    });

    clipboard.on("error", () => {
        showMessage("Press Ctrl+C to copy the code.");
    });
}

/**
 * Shows a short message under the button for three seconds.
 */
function showMessage(text) {
    const message = document.createElement("p");
    message.className = "message";
    message.textContent = text;
    document.body.appendChild(message);
    setTimeout(() => message.remove(), 3000);
}

document.addEventListener("DOMContentLoaded", wireCopyButton);
