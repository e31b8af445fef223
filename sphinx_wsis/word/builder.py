"""The ``wsis-docx`` builder: the whole report as one Word document, ``<outdir>/<name>.docx``.

Like the LaTeX and single-page HTML builders, it inlines every page into the root page in the
reading order of the toctree (Annex 1's order in a report made by ``sphinx-wsis init``) and
writes that one doctree. The document starts from a reference document (the package's
``reference.docx``, or the user's ``wsis_docx_reference``, as pandoc's ``--reference-doc``):
its styles, page size and margins; its body is replaced by a title page from ``wsis-report``,
a table-of-contents field and the report.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

if TYPE_CHECKING:
    from sphinx.config import Config

logger = logging.getLogger(__name__)

DEFAULT_BASENAME = "wsis20-report"


class WsisDocxBuilder(Builder):
    """Writes the report as one ``.docx`` file."""

    name = "wsis-docx"
    format = "docx"
    epilog = __("The Word document is in %(outdir)s.")
    supported_image_types: ClassVar[list[str]] = [
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/bmp",
    ]
    supported_remote_images = False
    allow_parallel = False

    def init(self) -> None:
        pass

    def get_outdated_docs(self) -> str:
        return "the report"  # one document made of all pages: always written whole

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "%" + docname  # a page's place in the one document; the writer makes it a bookmark

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass

    def write_documents(self, docnames: Set[str]) -> None:
        tree = self.assemble_doctree()
        path = Path(self.outdir) / f"{self.basename()}.docx"
        logger.info(__("writing %s ..."), path.name)
        from .document import write_report  # python-docx is imported only to write one

        document = write_report(self, tree)
        path.parent.mkdir(parents=True, exist_ok=True)
        document.save(str(path))

    def basename(self) -> str:
        """``wsis_docx_basename``; else the root document's LaTeX file name, when the user
        named one; else ``wsis20-report``, the same for every report (as its PDF)."""
        name = self.config.wsis_docx_basename
        if name:
            return str(name).removesuffix(".docx")
        entry = own_latex_entry(self.config)
        return Path(entry[1]).stem if entry else DEFAULT_BASENAME

    def assemble_doctree(self) -> nodes.document:
        root = self.config.root_doc
        tree = self.env.get_doctree(root)
        logger.info(darkgreen(root))
        tree = inline_all_toctrees(self, set(), root, tree, darkgreen, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        for pending in list(tree.findall(addnodes.pending_xref)):
            pending.replace_self(pending.children or nodes.Text(pending.astext()))
        self.post_process_images(tree)
        return tree

    def finish(self) -> None:
        pass


def own_latex_entry(config: Config) -> tuple[str, ...] | None:
    """The root document's ``latex_documents`` entry, if the user wrote one (not Sphinx's)."""
    from sphinx.builders.latex import default_latex_documents

    entries = [tuple(e) for e in config.latex_documents]
    if entries == [tuple(e) for e in default_latex_documents(config)]:
        return None
    return next((e for e in entries if e and e[0] == config.root_doc), None)
