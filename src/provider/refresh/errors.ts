/** Errors of refresh coalescing. They never reach the user: a failed listing sends each read to its own GET. */
export class PageListingError extends Error {
  readonly code = 'refresh_page_listing_failed';

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}
