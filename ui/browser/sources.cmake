# The entity browser (issue 5): included by ui/CMakeLists.txt into loom_ui.
set(LOOM_BROWSER_DIR ${CMAKE_CURRENT_LIST_DIR})
set(LOOM_BROWSER_SOURCES
    ${LOOM_BROWSER_DIR}/models/jsonvalues.h ${LOOM_BROWSER_DIR}/models/jsonvalues.cpp
    ${LOOM_BROWSER_DIR}/models/querymatcher.h ${LOOM_BROWSER_DIR}/models/querymatcher.cpp
    ${LOOM_BROWSER_DIR}/models/entitynode_p.h
    ${LOOM_BROWSER_DIR}/models/entitymodel.h ${LOOM_BROWSER_DIR}/models/entitymodel.cpp
    ${LOOM_BROWSER_DIR}/models/entitymodel_tree.cpp
    ${LOOM_BROWSER_DIR}/models/entitymodel_paging.cpp
    ${LOOM_BROWSER_DIR}/models/entitymodel_live.cpp
    ${LOOM_BROWSER_DIR}/models/entitymodel_edit.cpp
    ${LOOM_BROWSER_DIR}/models/entitycommands.h ${LOOM_BROWSER_DIR}/models/entitycommands.cpp
    ${LOOM_BROWSER_DIR}/models/entitysortmodel.h ${LOOM_BROWSER_DIR}/models/entitysortmodel.cpp
    ${LOOM_BROWSER_DIR}/models/eventlogmodel.h ${LOOM_BROWSER_DIR}/models/eventlogmodel.cpp
    ${LOOM_BROWSER_DIR}/models/pagequery.h ${LOOM_BROWSER_DIR}/models/pagequery.cpp
    ${LOOM_BROWSER_DIR}/models/counttext.h
    ${LOOM_BROWSER_DIR}/schema/schemafield.h ${LOOM_BROWSER_DIR}/schema/schemafield.cpp
    ${LOOM_BROWSER_DIR}/schema/fieldeditors.h ${LOOM_BROWSER_DIR}/schema/fieldeditors.cpp
    ${LOOM_BROWSER_DIR}/schema/schemaformwidget.h ${LOOM_BROWSER_DIR}/schema/schemaformwidget.cpp
    ${LOOM_BROWSER_DIR}/delegates/entitydelegate.h ${LOOM_BROWSER_DIR}/delegates/entitydelegate.cpp
    ${LOOM_BROWSER_DIR}/controllers/entityverifier.h ${LOOM_BROWSER_DIR}/controllers/entityverifier.cpp
    ${LOOM_BROWSER_DIR}/controllers/entitysaver.h ${LOOM_BROWSER_DIR}/controllers/entitysaver.cpp
    ${LOOM_BROWSER_DIR}/controllers/entitytransfer.h ${LOOM_BROWSER_DIR}/controllers/entitytransfer.cpp
    ${LOOM_BROWSER_DIR}/widgets/infobarwidget.h ${LOOM_BROWSER_DIR}/widgets/infobarwidget.cpp
    ${LOOM_BROWSER_DIR}/widgets/entityeditorpanel.h ${LOOM_BROWSER_DIR}/widgets/entityeditorpanel.cpp
    ${LOOM_BROWSER_DIR}/widgets/querybuilderwidget.h ${LOOM_BROWSER_DIR}/widgets/querybuilderwidget.cpp
    ${LOOM_BROWSER_DIR}/widgets/querybarwidget.h ${LOOM_BROWSER_DIR}/widgets/querybarwidget.cpp
    ${LOOM_BROWSER_DIR}/widgets/eventlogwidget.h ${LOOM_BROWSER_DIR}/widgets/eventlogwidget.cpp
    ${LOOM_BROWSER_DIR}/dialogs/hasidsdialog.h ${LOOM_BROWSER_DIR}/dialogs/hasidsdialog.cpp
    ${LOOM_BROWSER_DIR}/entitybrowserwidget.h ${LOOM_BROWSER_DIR}/entitybrowserwidget.cpp
    ${LOOM_BROWSER_DIR}/entitybrowseractions.cpp
    ${LOOM_BROWSER_DIR}/entitybrowserlive.cpp
    ${LOOM_BROWSER_DIR}/entitybrowsersort.cpp
)
set(LOOM_BROWSER_INCLUDE_DIRS
    ${LOOM_BROWSER_DIR} ${LOOM_BROWSER_DIR}/models ${LOOM_BROWSER_DIR}/delegates
    ${LOOM_BROWSER_DIR}/widgets ${LOOM_BROWSER_DIR}/dialogs ${LOOM_BROWSER_DIR}/schema
    ${LOOM_BROWSER_DIR}/controllers)
target_sources(loom_ui PRIVATE ${LOOM_BROWSER_SOURCES})
target_include_directories(loom_ui PUBLIC ${LOOM_BROWSER_INCLUDE_DIRS})
# For tests/browser (LOOM_BROWSER_STANDALONE).
set_property(GLOBAL PROPERTY LOOM_BROWSER_SOURCES ${LOOM_BROWSER_SOURCES})
set_property(GLOBAL PROPERTY LOOM_BROWSER_INCLUDE_DIRS ${LOOM_BROWSER_INCLUDE_DIRS})
