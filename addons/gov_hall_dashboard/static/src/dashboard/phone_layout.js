import { patch } from "@web/core/utils/patch";
import { DashboardLoader } from "@spreadsheet_dashboard/bundle/dashboard_action/dashboard_loader_service";

const ROW_HEIGHT = 23; // o-spreadsheet's default row height
const MARGIN = 12;
const GAP = 8;

function splitRef(ref) {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    return m ? [m[1], parseInt(m[2], 10)] : null;
}

function shiftKeys(map, rows) {
    if (!map) {
        return map;
    }
    const out = {};
    for (const [ref, value] of Object.entries(map)) {
        const parts = splitRef(ref);
        out[parts ? `${parts[0]}${parts[1] + rows}` : ref] = value;
    }
    return out;
}

/** Whether the cell ``ref`` ("Data!F2") is formatted as an amount (with thousands separators). */
function isAmount(data, ref) {
    const [sheetName, cell] = (ref || "").includes("!") ? ref.split("!") : [null, ref];
    const sheet = data.sheets.find((s) => s.name === sheetName) || data.sheets[0];
    const [col, row] = splitRef(cell || "") || [];
    const within = (zone) => {
        const [from, to = from] = zone.split(":").map(splitRef);
        return from && to && col >= from[0] && col <= to[0] && col.length === from[0].length &&
            row >= from[1] && row <= to[1];
    };
    const zone = Object.keys(sheet?.formats || {}).find(within);
    const format = zone && sheet.formats[zone];
    const pattern = typeof format === "number" || /^\d+$/.test(format || "") ? data.formats?.[format] : format;
    const content = sheet?.cells?.[cell];
    const formula = typeof content === "string" ? content : content?.content || "";
    return typeof pattern === "string" && pattern.includes("#,##0") && /amount|price/i.test(formula);
}

/**
 * The dashboard on a phone: its figures one under the other in the screen's width (the scorecards two by
 * two), the tables of cells moved below them and their columns narrowed to the screen, wrapping their text
 * instead of cutting it, so that nothing scrolls sideways. The first sheet only (the dashboard's face).
 *
 * @param {object} snapshot the dashboard's data, left untouched
 * @param {number} screenWidth
 * @returns {object} the data to open on the phone
 */
export function stackForPhone(snapshot, screenWidth) {
    const data = JSON.parse(JSON.stringify(snapshot));
    const sheet = data.sheets?.[0];
    if (!sheet || !sheet.figures?.length) {
        return data;
    }
    const width = Math.max(240, screenWidth - 2 * MARGIN);
    const half = Math.floor((width - GAP) / 2);
    const figures = [...sheet.figures].sort(
        (a, b) => (a.offset?.y || 0) - (b.offset?.y || 0) || (a.offset?.x || 0) - (b.offset?.x || 0)
    );
    let y = GAP;
    let pendingHalf = null; // a scorecard waiting for its neighbour on the same line
    for (const figure of figures) {
        // a scorecard of an amount takes the whole line: its figure is too long for half the screen
        const small = figure.data?.type === "scorecard" && !isAmount(data, figure.data.keyValue);
        if (small) {
            if (pendingHalf) {
                figure.offset = { x: pendingHalf.offset.x + half + GAP, y: pendingHalf.offset.y };
                figure.width = half;
                y = Math.max(y, figure.offset.y + figure.height + GAP);
                pendingHalf = null;
            } else {
                figure.offset = { x: 0, y };
                figure.width = half;
                pendingHalf = figure;
                y += figure.height + GAP;
            }
        } else {
            if (pendingHalf) {
                pendingHalf.width = width; // no neighbour: the whole line
                pendingHalf = null;
            }
            figure.width = width;
            figure.height = Math.min(figure.height, 300);
            figure.offset = { x: 0, y };
            y += figure.height + 2 * GAP;
        }
        figure.col = 0;
        figure.row = 0;
    }
    sheet.figures = figures;
    // the cells (titles and tables) start below the figures
    const refs = Object.keys(sheet.cells || {}).map(splitRef).filter(Boolean);
    if (refs.length) {
        // the first row of cells right under the last figure (up or down)
        const firstRow = Math.min(...refs.map((p) => p[1]));
        const shift = Math.ceil(y / ROW_HEIGHT) + 1 - firstRow;
        if (shift) {
            for (const key of ["cells", "styles", "formats", "borders"]) {
                sheet[key] = shiftKeys(sheet[key], shift);
            }
            sheet.rowNumber = (sheet.rowNumber || 100) + shift;
        }
    }
    // the sheet exactly as wide as the screen: its columns narrowed, their text wrapped instead of cut
    const colIndex = (letter) => [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const count = Math.max(1, ...refs.map((p) => colIndex(p[0]) + 1));
    const cols = sheet.cols || {};
    const sizes = [...Array(count).keys()].map((i) => cols[i]?.size || 96);
    const total = sizes.reduce((sum, size) => sum + size, 0);
    const newCols = {};
    let used = 0;
    sizes.forEach((size, i) => {
        const fitted = i === count - 1 ? width - used : Math.max(40, Math.floor((size * width) / total));
        newCols[i] = { ...(cols[i] || {}), size: fitted };
        used += fitted;
    });
    sheet.cols = newCols;
    sheet.colNumber = count;
    if (refs.length && total > width) {
        const styles = (data.styles = data.styles || {});
        const wrapped = {};
        const wrapStyle = (id) => {
            const key = id === undefined ? "none" : String(id);
            if (!wrapped[key]) {
                const newId = String(Math.max(0, ...Object.keys(styles).map(Number).filter((n) => !isNaN(n))) + 1);
                styles[newId] = { ...(id === undefined ? {} : styles[id]), wrapping: "wrap" };
                wrapped[key] = newId;
            }
            return Number(wrapped[key]);
        };
        sheet.styles = sheet.styles || {};
        sheet.rows = sheet.rows || {};
        for (const ref of Object.keys(sheet.cells)) {
            const style = styles[sheet.styles[ref]];
            if (style?.fontSize >= 14) {
                continue; // a title: it runs over the empty cells on its right
            }
            sheet.styles[ref] = wrapStyle(sheet.styles[ref]);
            // two lines per row: the spreadsheet does not grow a row for its wrapped text
            sheet.rows[splitRef(ref)[1] - 1] = { size: 2 * ROW_HEIGHT - 2 };
        }
    }
    return data;
}

patch(DashboardLoader.prototype, {
    _createSpreadsheetModel(snapshot, ...args) {
        if (this.env.isSmall && snapshot) {
            snapshot = stackForPhone(snapshot, window.innerWidth);
        }
        return super._createSpreadsheetModel(snapshot, ...args);
    },
});
