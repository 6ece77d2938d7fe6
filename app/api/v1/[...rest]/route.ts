// Unknown API paths answer in the API's error shape rather than with an HTML page.
function notFound() {
  return Response.json({ error: { code: "not_found", message: "No such API endpoint." } }, { status: 404 });
}
export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
