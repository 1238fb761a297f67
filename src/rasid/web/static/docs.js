// Swagger UI over this app's own OpenAPI description (loaded from /static, started here: no inline script).
window.addEventListener("load", function () { SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger"}); });
