// The OpenAPI page (/docs): Swagger UI, vendored, reading this server's /openapi.json.
window.addEventListener("DOMContentLoaded", function () {
  window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true, validatorUrl: null });
});
