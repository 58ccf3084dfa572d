package org.industriallmonitor.parse;

/** The numbers of a summary line such as {@code Showing 41-50 of 55 results}. */
public record ResultRange(int first, int last, int total) {
  public static final ResultRange EMPTY = new ResultRange(0, 0, 0);

  /** True when this page shows the last result of the listing. */
  public boolean isLastPage() {
    return last >= total;
  }
}
