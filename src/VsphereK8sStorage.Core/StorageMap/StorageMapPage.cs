using System.Globalization;
using System.Net;

namespace VsphereK8sStorage.StorageMap;

/// <summary>
/// The storage map as one self-contained HTML page: per datastore its capacity, free space and the volumes on it
/// with their claims and pods, orphans highlighted, every table sortable (click a header) and filterable (text and
/// status) by the page's own script. Its Content-Security-Policy forbids every fetch, so the page works from a
/// file and never reaches a server. It holds what the rows hold (no user names, sessions or passwords).
/// The address's fragment presets the view: <c>#status=OrphanDisk&amp;q=kubevols&amp;sort=capacity-desc</c>.
/// </summary>
public static class StorageMapPage
{
    private static readonly (string Key, string Header)[] Columns =
    {
        ("status", "Status"), ("volume", "Volume ID / path"), ("capacity", "Capacity"), ("pv", "PersistentVolume"), ("claim", "Claim"), ("pods", "Pods"), ("reason", "Why"),
    };

    public static void Write(TextWriter writer, IReadOnlyList<StorageMapRow> rows, IReadOnlyList<StorageMapDatastore> datastores, string clusterId, string server, DateTimeOffset generated)
    {
        var names = datastores.Select(d => d.Name).Concat(rows.Select(r => r.Datastore ?? string.Empty)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.Write("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
        writer.Write($"<title>Storage map: {E(clusterId)} on {E(server)}</title><style>{Style}</style></head><body>");
        writer.Write($"<h1>Storage map of cluster <span id=\"cluster\">{E(clusterId)}</span> on <span id=\"server\">{E(server)}</span></h1>");
        writer.Write($"<p class=\"meta\">Made {E(generated.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture))}: <span id=\"total\">{rows.Count}</span> volumes, ");
        writer.Write(string.Join(", ", Enum.GetValues<StorageMapStatus>().Select(s => $"<span class=\"count\" data-status=\"{s}\">{rows.Count(r => r.Status == s)}</span> {s}")));
        writer.Write($"; orphans hold <span id=\"orphan-bytes\" data-bytes=\"{Sum(rows, StorageMapStatus.OrphanDisk)}\">{Size(Sum(rows, StorageMapStatus.OrphanDisk))}</span>.</p>");

        writer.Write("<div class=\"filters\"><label>Filter <input id=\"q\" type=\"search\" placeholder=\"name, claim, pod…\"></label> <label>Status <select id=\"status\"><option value=\"\">all</option>");
        foreach (var status in Enum.GetValues<StorageMapStatus>())
        {
            writer.Write($"<option>{status}</option>");
        }

        writer.Write("</select></label> <span><span id=\"shown\">0</span> shown</span></div>");

        writer.Write("<h2>Datastores</h2><table id=\"datastores\"><thead><tr><th>Datastore</th><th>Capacity</th><th>Free</th><th>Volumes</th><th>Orphans hold</th></tr></thead><tbody>");
        foreach (var name in names)
        {
            var ds = datastores.FirstOrDefault(d => d.Name == name);
            var on = rows.Where(r => (r.Datastore ?? string.Empty) == name).ToList();
            writer.Write($"<tr data-datastore=\"{E(name)}\"><td>{E(name.Length == 0 ? "(unknown)" : name)}</td><td data-bytes=\"{ds?.CapacityBytes ?? 0}\">{Size(ds?.CapacityBytes ?? 0)}</td><td data-bytes=\"{ds?.FreeSpaceBytes ?? 0}\">{Size(ds?.FreeSpaceBytes ?? 0)}</td><td class=\"volumes\">{on.Count}</td><td data-bytes=\"{Sum(on, StorageMapStatus.OrphanDisk)}\">{Size(Sum(on, StorageMapStatus.OrphanDisk))}</td></tr>");
        }

        writer.Write("</tbody></table>");
        foreach (var name in names)
        {
            var on = rows.Where(r => (r.Datastore ?? string.Empty) == name).ToList();
            writer.Write($"<section class=\"datastore\" data-datastore=\"{E(name)}\"><h2>{E(name.Length == 0 ? "(datastore unknown)" : name)}</h2><table><thead><tr>");
            foreach (var (key, header) in Columns)
            {
                writer.Write($"<th data-key=\"{key}\">{header}</th>");
            }

            writer.Write("</tr></thead><tbody class=\"volumes\">");
            foreach (var row in on)
            {
                var disk = row.VolumeId ?? row.Path ?? string.Empty;
                var pods = string.Join(", ", row.Pods);
                writer.Write($"<tr class=\"{Css(row.Status)}\" data-status=\"{row.Status}\">");
                writer.Write($"<td data-sort=\"{row.Status}\">{row.Status}</td>");
                writer.Write($"<td data-sort=\"{E(disk)}\" title=\"{E(row.Path ?? string.Empty)}\">{E(disk)}</td>");
                writer.Write($"<td data-sort=\"{row.CapacityBytes}\" data-bytes=\"{row.CapacityBytes}\">{E(row.Capacity)}</td>");
                writer.Write($"<td data-sort=\"{E(row.Pv ?? string.Empty)}\">{E(row.Pv ?? string.Empty)}</td>");
                writer.Write($"<td data-sort=\"{E(row.Claim ?? string.Empty)}\">{E(row.Claim ?? string.Empty)}</td>");
                writer.Write($"<td data-sort=\"{E(pods)}\">{E(pods)}</td>");
                writer.Write($"<td data-sort=\"{E(row.Reason)}\">{E(row.Reason)}</td></tr>");
            }

            writer.Write("</tbody></table></section>");
        }

        writer.Write($"<script>{Script}</script></body></html>\n");
    }

    private static long Sum(IEnumerable<StorageMapRow> rows, StorageMapStatus status) => rows.Where(r => r.Status == status).Sum(r => r.CapacityBytes);

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 40 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 40):0.0} TiB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };

    private static string Css(StorageMapStatus status) => status switch
    {
        StorageMapStatus.OrphanDisk or StorageMapStatus.MissingDisk => "orphan",
        StorageMapStatus.UnknownOwner or StorageMapStatus.Released => "attention",
        _ => "ok",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:1.5em;color:#222}table{border-collapse:collapse;margin:.5em 0 1.5em;width:100%}"
        + "th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top}th[data-key]{cursor:pointer;background:#f3f3f3}"
        + "th[data-dir=asc]::after{content:' \\25B2'}th[data-dir=desc]::after{content:' \\25BC'}tr.orphan{background:#fde2e2}"
        + "tr.attention{background:#fff4d6}.meta{color:#555}.filters{margin:1em 0}";

    private const string Script = """
(function () {
  var q = document.getElementById('q'), st = document.getElementById('status');
  function apply() {
    var text = q.value.toLowerCase(), status = st.value, shown = 0;
    document.querySelectorAll('tbody.volumes tr').forEach(function (row) {
      var ok = (!status || row.dataset.status === status) && (!text || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) { shown++; }
    });
    document.getElementById('shown').textContent = String(shown);
  }
  function value(row, index, numeric) {
    var cell = row.cells[index], v = cell ? cell.getAttribute('data-sort') || '' : '';
    return numeric ? Number(v) : v.toLowerCase();
  }
  function sort(th, dir) {
    var table = th.closest('table'), body = table.tBodies[0], index = th.cellIndex, numeric = th.dataset.key === 'capacity';
    dir = dir || (th.dataset.dir === 'asc' ? 'desc' : 'asc');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, index, numeric), y = value(b, index, numeric);
      var c = x < y ? -1 : x > y ? 1 : 0;
      return dir === 'asc' ? c : -c;
    });
    table.querySelectorAll('th').forEach(function (h) { delete h.dataset.dir; });
    th.dataset.dir = dir;
    rows.forEach(function (r) { body.appendChild(r); });
  }
  document.querySelectorAll('th[data-key]').forEach(function (th) { th.addEventListener('click', function () { sort(th); }); });
  q.addEventListener('input', apply);
  st.addEventListener('change', apply);
  var preset = new URLSearchParams(location.hash.slice(1));
  if (preset.get('status')) { st.value = preset.get('status'); }
  if (preset.get('q')) { q.value = preset.get('q'); }
  if (preset.get('sort')) {
    var parts = preset.get('sort').split('-');
    document.querySelectorAll('th[data-key="' + parts[0] + '"]').forEach(function (th) { sort(th, parts[1] === 'desc' ? 'desc' : 'asc'); });
  }
  apply();
})();
""";
}
