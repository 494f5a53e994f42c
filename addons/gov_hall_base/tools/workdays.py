"""Pure-Python working-day arithmetic over a precomputed table of days.

The table covers a contiguous range of days; each day is working or not and provisional or not
(provisional: its year has no published State Council schedule, so only weekends are known).
Outside the range the same weekend-only rule applies and results are provisional.

Semantics (民法典 第201条, 行政许可法 第82条): ``add(day, n)`` does not count ``day`` itself and
returns the n-th working day after it; ``add(day, 0)`` is ``day`` when it is a working day, else the
next working day.
"""
import datetime
from itertools import accumulate

_ONE_DAY = datetime.timedelta(days=1)


def _weekday_working(ordinal):
    # date.fromordinal(1) is a Monday: (ordinal - 1) % 7 is the weekday, 5 and 6 are the weekend
    return (ordinal - 1) % 7 < 5


class WorkdayTable:
    __slots__ = ("first", "last", "working", "provisional", "counts", "workdays")

    def __init__(self, first_day, working, provisional):
        """``working`` and ``provisional``: sequences of booleans, one per day from ``first_day``."""
        self.first = first_day.toordinal()
        self.last = self.first + len(working) - 1
        self.working = bytes(bool(w) for w in working)
        self.provisional = bytes(bool(p) for p in provisional)
        # counts[i]: number of working days from the first day up to and including day i
        self.counts = list(accumulate(self.working))
        self.workdays = [self.first + i for i, w in enumerate(self.working) if w]

    # -- single day -------------------------------------------------------------------------------
    def is_working(self, day):
        o = day.toordinal()
        if self.first <= o <= self.last:
            return bool(self.working[o - self.first])
        return _weekday_working(o)

    def is_provisional(self, day):
        o = day.toordinal()
        if self.first <= o <= self.last:
            return bool(self.provisional[o - self.first])
        return True

    def add(self, day, n):
        """The n-th working day after ``day``; with n < 0, the working day |n| working days before it."""
        return datetime.date.fromordinal(self._add_ordinal(day.toordinal(), n))

    def count_between(self, start, end):
        """Working days in (start, end]: how many working days have elapsed from start to end."""
        return self._count_upto(end.toordinal()) - self._count_upto(start.toordinal())

    def add_calendar_days(self, day, n):
        """Day periods of tendering law: day + n, moved to the next working day when it is not one."""
        end = day + datetime.timedelta(days=n)
        return end if self.is_working(end) else self.add(end, 1)

    # -- many at once ---------------------------------------------------------------------------
    def add_many(self, days, ns):
        """Vectorised ``add``: one result per (day, n) pair."""
        first, last, counts, workdays = self.first, self.last, self.counts, self.workdays
        nwork = len(workdays)
        fromordinal = datetime.date.fromordinal
        out = []
        append = out.append
        for day, n in zip(days, ns):
            o = day.toordinal()
            if first <= o <= last:
                idx = counts[o - first] + n - 1
                if 0 <= idx < nwork and n:
                    append(fromordinal(workdays[idx]))
                    continue
            append(fromordinal(self._add_ordinal(o, n)))
        return out

    # -- internals ---------------------------------------------------------------------------------
    def _is_working_ordinal(self, o):
        if self.first <= o <= self.last:
            return self.working[o - self.first]
        return _weekday_working(o)

    def _count_upto(self, o):
        """Working days from the table's first day up to and including ordinal ``o`` (negative
        before the table); only differences of this count are meaningful."""
        if self.first <= o <= self.last:
            return self.counts[o - self.first]
        if o > self.last:
            return self.counts[-1] + sum(_weekday_working(x) for x in range(self.last + 1, o + 1))
        return -sum(_weekday_working(x) for x in range(o + 1, self.first))

    def _add_ordinal(self, o, n):
        if n and self.first <= o <= self.last:
            # n > 0: the n-th working day after o; n < 0: the working day w with |n| working days in (w, o]
            idx = self.counts[o - self.first] + n - 1
            if 0 <= idx < len(self.workdays):
                return self.workdays[idx]
        # slow path, outside the table: day by day
        if n < 0:
            target = self._count_upto(o) + n
            w = o
            while not (self._is_working_ordinal(w) and self._count_upto(w) == target):
                w -= 1
            return w
        if n == 0:
            while not self._is_working_ordinal(o):
                o += 1
            return o
        while n:
            o += 1
            if self._is_working_ordinal(o):
                n -= 1
        return o

    @classmethod
    def weekends_only(cls, first_day, last_day):
        size = (last_day - first_day).days + 1
        o = first_day.toordinal()
        return cls(first_day, [_weekday_working(o + i) for i in range(size)], [True] * size)
