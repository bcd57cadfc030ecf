import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "That request was not valid",
  403: "You do not have access to this",
  404: "Not found",
  413: "That was too large to accept",
};

/** The one error display every route uses: plain words, no stack traces, a way back. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  let title = "Something went wrong";
  let detail = "The error has been logged. Try again, or go back to the start page.";
  if (isRouteErrorResponse(error)) {
    title = TITLES[error.status] ?? `Error ${error.status}`;
    detail = typeof error.data === "string" && error.data ? error.data : detail;
    if (error.status === 404 && !error.data)
      detail = "There is nothing here, or it belongs to another workspace.";
  } else {
    console.error(error);
  }
  return (
    <div role="alert" className="card">
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="mt-2 text-sm text-slate-700">{detail}</p>
      <p className="mt-4">
        <Link to="/" className="text-sm font-medium">
          Back to the start page
        </Link>
      </p>
    </div>
  );
}
